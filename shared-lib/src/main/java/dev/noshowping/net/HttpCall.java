package dev.noshowping.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One blocking HTTP call to an outside service (SOLAPI, Discord, the marketplaces, S3 through a
 * presigned URL, CloudFormation's response URL), over the JDK's {@link HttpURLConnection}. A Lambda
 * environment makes one call at a time, so the JDK's {@code HttpClient} buys nothing here and costs
 * the cold start: in a fresh JVM its first call loads ~1 250 classes and takes ~250 ms (a selector
 * thread, its asynchronous machinery, and the default TLS context even for a plain-http URL), where
 * this takes ~30 ms (docs/benchmarks.md, "cold-start").
 *
 * <p>The timeout bounds the connect and then each read (the connection's read timeout), not the
 * whole call. A call with a body streams a known length, so the JDK never sends it a second time by
 * itself when a kept-alive connection turns out closed ({@code sun.net.http.retryPost}): a second
 * attempt is always the caller's decision. The price: a 401 to such a call comes back without its
 * body, which the JDK will not read once it has streamed the request.
 */
public final class HttpCall {

    /** An answer's status and headers, before its body is read. */
    public record Head(int status, Map<String, List<String>> headers) {

        /** The first value of header {@code name}, whatever its case. */
        public Optional<String> header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return Optional.of(e.getValue().getFirst());
                }
            }
            return Optional.empty();
        }
    }

    /** A whole answer: its head and its body's bytes. */
    public record Answer(Head head, byte[] body) {

        public int status() {
            return head.status();
        }

        public Optional<String> header(String name) {
            return head.header(name);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Reads an answer's body as it arrives: a digest, a bounded copy. */
    @FunctionalInterface
    public interface BodyReader<T> {
        T read(Head head, InputStream body) throws IOException;
    }

    /** An answer whose body is longer than the call allows. */
    public static final class TooLong extends IOException {
        TooLong(String message) {
            super(message);
        }
    }

    private final Duration connectTimeout;
    private final Duration timeout;
    private final boolean followRedirects;
    private final int maxBodyBytes;

    /** No redirects followed, bodies up to 1 MB. */
    public HttpCall(Duration connectTimeout, Duration timeout) {
        this(connectTimeout, timeout, false, 1 << 20);
    }

    private HttpCall(Duration connectTimeout, Duration timeout, boolean followRedirects, int maxBodyBytes) {
        this.connectTimeout = connectTimeout;
        this.timeout = timeout;
        this.followRedirects = followRedirects;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The same calls, following redirects to the same scheme (an https page never to http). */
    public HttpCall followingRedirects() {
        return new HttpCall(connectTimeout, timeout, true, maxBodyBytes);
    }

    /** The same calls, refusing ({@link TooLong}) a body of more than {@code bytes}. */
    public HttpCall bodiesUpTo(int bytes) {
        return new HttpCall(connectTimeout, timeout, followRedirects, bytes);
    }

    /** Sends {@code body} (none when null) with {@code headers}, and reads the whole answer. */
    public Answer send(String method, URI uri, Map<String, String> headers, byte[] body) throws IOException {
        return send(method, uri, headers, body, (head, in) -> {
            byte[] bytes = in.readNBytes(maxBodyBytes + 1);
            if (bytes.length > maxBodyBytes) {
                throw new TooLong(uri.getHost() + " sent more than " + maxBodyBytes + " bytes for " + uri.getPath());
            }
            return new Answer(head, bytes);
        });
    }

    /** Sends {@code body} (none when null) with {@code headers}, and hands the answer to {@code reader}. */
    public <T> T send(String method, URI uri, Map<String, String> headers, byte[] body, BodyReader<T> reader)
            throws IOException {
        HttpURLConnection http = (HttpURLConnection) uri.toURL().openConnection();
        http.setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()));
        http.setReadTimeout(Math.toIntExact(timeout.toMillis()));
        http.setUseCaches(false);
        http.setInstanceFollowRedirects(followRedirects);
        http.setRequestMethod(method);
        headers.forEach(http::setRequestProperty);
        if (body != null) {
            http.setDoOutput(true);
            http.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = http.getOutputStream()) {
                out.write(body);
            }
        }
        int status = http.getResponseCode();
        Map<String, List<String>> received = new LinkedHashMap<>();
        http.getHeaderFields().forEach((name, values) -> {
            if (name != null) {   // the status line
                received.put(name, values);
            }
        });
        // read to the end and closed: that is what returns the connection to the keep-alive cache
        InputStream in = status >= 400 ? http.getErrorStream() : http.getInputStream();
        try (InputStream stream = in == null ? InputStream.nullInputStream() : in) {
            return reader.read(new Head(status, received), stream);
        }
    }
}
