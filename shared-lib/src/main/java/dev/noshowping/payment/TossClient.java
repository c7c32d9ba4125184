package dev.noshowping.payment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.config.Environment;
import dev.noshowping.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

    private final TossTransport transport;

    public TossClient(String baseUrl, String secretKey, Duration timeout) {
        this.transport = new TossTransport(baseUrl, secretKey, timeout);
    }

    /** {@code TOSS_API_BASE_URL} (default Toss's), the key from {@code TOSS_SECRET_KEY} or the secret named by {@code TOSS_SECRET_KEY_SECRET_ARN}. */
    public static TossClient from(Environment env, Function<String, String> secrets) {
        String key = env.optional("TOSS_SECRET_KEY").orElseGet(() -> secrets.apply(env.require("TOSS_SECRET_KEY_SECRET_ARN")));
        return new TossClient(env.get("TOSS_API_BASE_URL", "https://api.tosspayments.com"), key,
                Duration.ofMillis(env.getInt("TOSS_TIMEOUT_MILLIS", 4000)));
    }

    /** The longest one call can take before it gives up: connecting, then waiting for the answer. */
    public Duration longestCall() {
        return transport.longestCall();
    }

    public TossPayment confirm(String paymentKey, String orderId, long amount, String idempotencyKey) {
        return TossPayment.from(send("POST", "v1/payments/confirm",
                Map.of("paymentKey", paymentKey, "orderId", orderId, "amount", amount), idempotencyKey));
    }

    public TossPayment byPaymentKey(String paymentKey) {
        return TossPayment.from(send("GET", "v1/payments/" + TossTransport.encode(paymentKey), null, null));
    }

    /** Empty when Toss knows no payment for the order (confirm never reached it). */
    public Optional<TossPayment> byOrderId(String orderId) {
        try {
            return Optional.of(TossPayment.from(send("GET", "v1/payments/orders/" + TossTransport.encode(orderId), null, null)));
        } catch (TossException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public TossPayment cancel(String paymentKey, String reason, Map<String, String> refundAccount, String idempotencyKey) {
        return cancel(paymentKey, reason, null, refundAccount, idempotencyKey);
    }

    /** A cancel of {@code amount} won (null: the whole balance); a virtual account's refund needs {@code refundAccount}. */
    public TossPayment cancel(String paymentKey, String reason, Long amount, Map<String, String> refundAccount,
                              String idempotencyKey) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("cancelReason", reason);
        if (amount != null) {
            body.put("cancelAmount", amount);
        }
        if (refundAccount != null) {
            body.put("refundReceiveAccount", refundAccount);
        }
        return TossPayment.from(send("POST", "v1/payments/" + TossTransport.encode(paymentKey) + "/cancel", body, idempotencyKey));
    }

    private JsonNode send(String method, String path, Object body, String idempotencyKey) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        TossTransport.Answer reply = transport.send(method, path, headers,
                body == null ? null : Json.write(body).getBytes(StandardCharsets.UTF_8));
        int status = reply.status();
        byte[] answer = reply.body();
        JsonNode json;
        try {
            json = answer.length == 0 ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(answer);
        } catch (IOException e) {
            throw new TossException(status >= 500 ? status : 502, "MALFORMED_ANSWER",
                    "Toss answered " + status + " with a body that is not JSON");
        }
        if (status / 100 != 2) {
            throw new TossException(status, json.path("code").asText("HTTP_" + status), json.path("message").asText(""));
        }
        return json;
    }
}
