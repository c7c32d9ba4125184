package dev.noshowping.local;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * S3 event notifications for the embedded S3, which has none: a pass-through in front of S3Mock
 * that, after a successful object PUT, invokes the functions the template subscribes to
 * {@code ObjectCreated} on that bucket and prefix, asynchronously as S3 does. Functions and
 * presigned URLs use this address; S3Mock itself sits on a private port.
 */
final class S3Notifications implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "expect",
            "transfer-encoding", "upgrade", "keep-alive");

    /** A subscription: function, bucket name (local), key prefix. */
    record Subscription(String functionId, String bucket, String prefix) {
    }

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI target;
    private final FunctionHost host;
    private final List<Subscription> subscriptions;

    S3Notifications(int port, String s3Endpoint, FunctionHost host, List<Subscription> subscriptions) throws IOException {
        this.target = URI.create(s3Endpoint);
        this.host = host;
        this.subscriptions = List.copyOf(subscriptions);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::forward);
        server.start();
    }

    String endpoint() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            URI uri = exchange.getRequestURI();
            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(uri.getRawPath()
                            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                    .method(exchange.getRequestMethod(), body.length == 0
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    values.forEach(v -> exchange.getResponseHeaders().add(name, v));
                }
            });
            byte[] out = response.body();
            boolean head = exchange.getRequestMethod().equals("HEAD");
            if (head) {
                // a HEAD answer's Content-Length is the object's size: S3 clients read it
                response.headers().firstValue("Content-Length")
                        .ifPresent(length -> exchange.getResponseHeaders().set("Content-Length", length));
            }
            exchange.sendResponseHeaders(response.statusCode(), head || out.length == 0 ? -1 : out.length);
            if (!head && out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
            // a whole-object PUT (presigned or not); multipart parts and other sub-resources are not objects yet
            String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
            if (exchange.getRequestMethod().equals("PUT") && response.statusCode() / 100 == 2
                    && !query.contains("uploadId=") && !query.contains("partNumber=") && !query.matches("^(acl|tagging|retention|legal-hold)(=.*)?$")) {
                notify(uri.getRawPath(), body.length, response.headers().firstValue("ETag").orElse(""));
            }
        }
    }

    /** Path-style {@code /bucket/key}: invoke every subscribed function, each on its own thread. */
    private void notify(String rawPath, long size, String etag) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        int slash = path.indexOf('/');
        if (slash < 0) {
            return; // a bucket, not an object
        }
        String bucket = path.substring(0, slash);
        String key = URLDecoder.decode(path.substring(slash + 1), StandardCharsets.UTF_8);
        for (Subscription s : subscriptions) {
            if (s.bucket().equals(bucket) && key.startsWith(s.prefix())) {
                S3Event event = event(bucket, key, size, etag);
                Thread.ofVirtual().start(() -> {
                    try {
                        host.invoke(s.functionId(), "s3", "ObjectCreated " + key, event, String::valueOf);
                    } catch (RuntimeException e) {
                        // logged by the host; S3 would retry twice, then drop or dead-letter
                    }
                });
            }
        }
    }

    private static S3Event event(String bucket, String key, long size, String etag) {
        var owner = new S3EventNotification.UserIdentityEntity("LOCAL");
        var object = new S3EventNotification.S3ObjectEntity(
                URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"), size, etag.replace("\"", ""),
                null, Long.toHexString(System.nanoTime()));
        var s3 = new S3EventNotification.S3Entity("local-notification",
                new S3EventNotification.S3BucketEntity(bucket, owner, "arn:aws:s3:::" + bucket), object, "1.0");
        var record = new S3EventNotification.S3EventNotificationRecord("us-east-1", "ObjectCreated:Put", "aws:s3",
                Instant.now().toString(), "2.1", new S3EventNotification.RequestParametersEntity("127.0.0.1"),
                new S3EventNotification.ResponseElementsEntity("local", "local"), s3, owner);
        return new S3Event(List.of(record));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
