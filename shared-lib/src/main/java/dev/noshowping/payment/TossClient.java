package dev.noshowping.payment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.config.Environment;
import dev.noshowping.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * TossPayments core API v1: confirm, look-ups, cancel. Basic auth of {@code secretKey:}.
 * Confirm and cancel carry an {@code Idempotency-Key}: Toss answers a repeat with the first answer
 * for 15 days, which is what makes retries after a timeout safe.
 * (https://docs.tosspayments.com/reference)
 */
public final class TossClient {

    /** The answer never arrived (timeout, connection lost): the call may or may not have happened. */
    public static final class Unanswered extends RuntimeException {
        public Unanswered(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    private final HttpClient http;
    private final URI base;
    private final String authorization;
    private final Duration timeout;

    public TossClient(String baseUrl, String secretKey, Duration timeout) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((secretKey + ":").getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** {@code TOSS_API_BASE_URL} (default Toss's), the key from {@code TOSS_SECRET_KEY} or the secret named by {@code TOSS_SECRET_KEY_SECRET_ARN}. */
    public static TossClient from(Environment env, Function<String, String> secrets) {
        String key = env.optional("TOSS_SECRET_KEY").orElseGet(() -> secrets.apply(env.require("TOSS_SECRET_KEY_SECRET_ARN")));
        return new TossClient(env.get("TOSS_API_BASE_URL", "https://api.tosspayments.com"), key,
                Duration.ofMillis(env.getInt("TOSS_TIMEOUT_MILLIS", 4000)));
    }

    public TossPayment confirm(String paymentKey, String orderId, long amount, String idempotencyKey) {
        return TossPayment.from(send("POST", "v1/payments/confirm",
                Map.of("paymentKey", paymentKey, "orderId", orderId, "amount", amount), idempotencyKey));
    }

    public TossPayment byPaymentKey(String paymentKey) {
        return TossPayment.from(send("GET", "v1/payments/" + encode(paymentKey), null, null));
    }

    /** Empty when Toss knows no payment for the order (confirm never reached it). */
    public Optional<TossPayment> byOrderId(String orderId) {
        try {
            return Optional.of(TossPayment.from(send("GET", "v1/payments/orders/" + encode(orderId), null, null)));
        } catch (TossException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public TossPayment cancel(String paymentKey, String reason, Map<String, String> refundAccount, String idempotencyKey) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("cancelReason", reason);
        if (refundAccount != null) {
            body.put("refundReceiveAccount", refundAccount);
        }
        return TossPayment.from(send("POST", "v1/payments/" + encode(paymentKey) + "/cancel", body, idempotencyKey));
    }

    private JsonNode send(String method, String path, Object body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Accept", "application/json");
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new Unanswered("Toss did not answer " + method + " " + path + " within " + timeout, e);
        } catch (IOException e) {
            throw new Unanswered("Toss " + method + " " + path + " failed in transit: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unanswered("interrupted", e);
        }
        JsonNode json;
        try {
            json = response.body().isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new TossException(response.statusCode() >= 500 ? response.statusCode() : 502, "MALFORMED_ANSWER",
                    "Toss answered " + response.statusCode() + " with a body that is not JSON");
        }
        if (response.statusCode() / 100 != 2) {
            throw new TossException(response.statusCode(), json.path("code").asText("HTTP_" + response.statusCode()),
                    json.path("message").asText(""));
        }
        return json;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
