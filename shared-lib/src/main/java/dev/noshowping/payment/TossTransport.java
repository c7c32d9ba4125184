package dev.noshowping.payment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * One HTTP exchange with TossPayments, for the payments client and the payouts client alike: Basic
 * auth of {@code secretKey:}, the JDK's blocking {@code HttpURLConnection} (a Lambda environment
 * makes one call at a time; no selector or worker threads), bodies of a fixed length, and
 * {@link TossClient.Unanswered} when no answer arrived. What a body and an answer mean is the caller's.
 */
public final class TossTransport {

    /** Toss's HTTP status and the answer's bytes (empty when it sent none). */
    public record Answer(int status, byte[] body) {
    }

    private static final int CONNECT_TIMEOUT_MILLIS = 3000;

    private final URI base;
    private final String authorization;
    private final int timeoutMillis;

    Duration longestCall() {
        return Duration.ofMillis(CONNECT_TIMEOUT_MILLIS + (long) timeoutMillis);
    }

    public TossTransport(String baseUrl, String secretKey, Duration timeout) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((secretKey + ":").getBytes(StandardCharsets.UTF_8));
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    }

    /** Sends {@code body} (none when null) with {@code headers} to {@code path} under the base URL. */
    public Answer send(String method, String path, Map<String, String> headers, byte[] body) {
        try {
            HttpURLConnection http = (HttpURLConnection) base.resolve(path).toURL().openConnection();
            http.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            http.setReadTimeout(timeoutMillis);
            http.setUseCaches(false);
            http.setInstanceFollowRedirects(false);
            http.setRequestMethod(method);
            http.setRequestProperty("Authorization", authorization);
            headers.forEach(http::setRequestProperty);
            if (body != null) {
                http.setDoOutput(true);
                // streaming a known length also means the JDK never re-sends the request by itself
                // when a kept-alive connection turns out closed (sun.net.http.retryPost): a second
                // attempt is the caller's decision, counted and made with the same key
                http.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = http.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = http.getResponseCode();
            // read to the end and close: that is what returns the connection to the keep-alive cache
            try (InputStream in = status >= 400 ? http.getErrorStream() : http.getInputStream()) {
                return new Answer(status, in == null ? new byte[0] : in.readAllBytes());
            }
        } catch (SocketTimeoutException e) {
            throw new TossClient.Unanswered("Toss did not answer " + method + " " + path + " within " + timeoutMillis + " ms", e);
        } catch (IOException e) {
            throw new TossClient.Unanswered("Toss " + method + " " + path + " failed in transit: " + e, e);
        }
    }

    /** A path segment (a paymentKey, an order id, a cursor), percent-encoded. */
    public static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
