package dev.noshowping.payment;

import dev.noshowping.net.HttpCall;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP exchange with TossPayments, for the payments client and the payouts client alike: Basic
 * auth of {@code secretKey:}, one blocking {@link HttpCall} (no redirects followed; a body sent is
 * never re-sent by the JDK), and {@link TossClient.Unanswered} when no answer arrived. What a body
 * and an answer mean is the caller's.
 */
public final class TossTransport {

    /** Toss's HTTP status and the answer's bytes (empty when it sent none). */
    public record Answer(int status, byte[] body) {
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** Far above any answer Toss documents (a payment, a page of payouts): more is not Toss answering. */
    private static final int MAX_ANSWER_BYTES = 8 << 20;

    private final URI base;
    private final String authorization;
    private final Duration timeout;
    private final HttpCall http;

    Duration longestCall() {
        return CONNECT_TIMEOUT.plus(timeout);
    }

    public TossTransport(String baseUrl, String secretKey, Duration timeout) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((secretKey + ":").getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
        this.http = new HttpCall(CONNECT_TIMEOUT, timeout).bodiesUpTo(MAX_ANSWER_BYTES);
    }

    /** Sends {@code body} (none when null) with {@code headers} to {@code path} under the base URL. */
    public Answer send(String method, String path, Map<String, String> headers, byte[] body) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Authorization", authorization);
        try {
            HttpCall.Answer answer = http.send(method, base.resolve(path), all, body);
            return new Answer(answer.status(), answer.body());
        } catch (SocketTimeoutException e) {
            throw new TossClient.Unanswered("Toss did not answer " + method + " " + path + " within "
                    + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new TossClient.Unanswered("Toss " + method + " " + path + " failed in transit: " + e, e);
        }
    }

    /** A path segment (a paymentKey, an order id, a cursor), percent-encoded. */
    public static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
