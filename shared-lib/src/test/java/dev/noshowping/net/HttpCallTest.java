package dev.noshowping.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link HttpCall} against a real HTTP server on a local socket. */
class HttpCallTest {

    private record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/echo", exchange -> {
            record(exchange);
            answer(exchange, 201, "{\"ok\":true}", Map.of("X-Request-Id", "r-1"));
        });
        server.createContext("/missing", exchange -> {
            record(exchange);
            answer(exchange, 404, "{\"error\":\"no such thing\"}", Map.of());
        });
        server.createContext("/denied", exchange -> {
            record(exchange);
            answer(exchange, 401, "{\"code\":\"UNAUTHORIZED_KEY\"}", Map.of());
        });
        server.createContext("/big", exchange -> {
            record(exchange);
            answer(exchange, 200, "x".repeat(2_000), Map.of());
        });
        server.createContext("/moved", exchange -> {
            record(exchange);
            answer(exchange, 302, "", Map.of("Location", base.resolve("/echo").toString()));
        });
        server.createContext("/silent", exchange -> {
            record(exchange);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200, "late", Map.of());
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private final HttpCall call = new HttpCall(Duration.ofSeconds(2), Duration.ofSeconds(5));

    @Test
    void aPostSendsItsBodyAndHeadersAndReadsTheAnswer() throws Exception {
        byte[] body = "{\"to\":\"+821012345678\"}".getBytes(StandardCharsets.UTF_8);

        HttpCall.Answer answer = call.send("POST", base.resolve("/echo"),
                Map.of("Content-Type", "application/json", "Authorization", "HMAC-SHA256 x"), body);

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.text()).isEqualTo("{\"ok\":true}");
        assertThat(answer.header("x-request-id")).contains("r-1");
        assertThat(answer.header("X-Not-There")).isEmpty();
        Received r = received.getFirst();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.body()).isEqualTo(body);
        assertThat(r.headers().get("Content-type")).containsExactly("application/json");
        assertThat(r.headers().get("Authorization")).containsExactly("HMAC-SHA256 x");
        assertThat(r.headers().get("Content-length")).containsExactly(Integer.toString(body.length));
    }

    @Test
    void aPutWithoutAContentTypeArrivesWithoutOne() throws Exception {
        // CloudFormation's response URL is presigned without a Content-Type: any type sent breaks the signature
        call.send("PUT", base.resolve("/echo"), Map.of(), "{\"Status\":\"SUCCESS\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(received.getFirst().headers()).doesNotContainKey("Content-type");
    }

    @Test
    void anErrorStatusIsAnAnswerWithItsBody() throws Exception {
        HttpCall.Answer answer = call.send("GET", base.resolve("/missing"), Map.of(), null);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.text()).isEqualTo("{\"error\":\"no such thing\"}");
        assertThat(received.getFirst().body()).isEmpty();
    }

    @Test
    void aRefusedLoginToAPostIsA401WithoutItsBody() throws Exception {
        // a wrong key must read as a refusal (not retried, not "maybe charged"), though the JDK drops its body
        HttpCall.Answer answer = call.send("POST", base.resolve("/denied"), Map.of("Authorization", "Basic bad"),
                "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).isEmpty();
        assertThat(received).hasSize(1);
        assertThat(call.send("GET", base.resolve("/denied"), Map.of(), null).text())
                .isEqualTo("{\"code\":\"UNAUTHORIZED_KEY\"}");
    }

    @Test
    void aBodyLongerThanAllowedIsRefused() throws Exception {
        assertThatThrownBy(() -> call.bodiesUpTo(1_000).send("GET", base.resolve("/big"), Map.of(), null))
                .isInstanceOf(HttpCall.TooLong.class)
                .hasMessageContaining("more than 1000 bytes");
        assertThat(call.bodiesUpTo(2_000).send("GET", base.resolve("/big"), Map.of(), null).body()).hasSize(2_000);
    }

    @Test
    void aRedirectIsFollowedOnlyWhenAsked() throws Exception {
        HttpCall.Answer notFollowed = call.send("GET", base.resolve("/moved"), Map.of(), null);
        assertThat(notFollowed.status()).isEqualTo(302);
        assertThat(received).extracting(Received::path).containsExactly("/moved");

        HttpCall.Answer followed = call.followingRedirects().send("GET", base.resolve("/moved"), Map.of(), null);
        assertThat(followed.status()).isEqualTo(201);
        assertThat(received).extracting(Received::path).containsExactly("/moved", "/moved", "/echo");
    }

    @Test
    void aReaderTakesTheBodyAsItArrives() throws Exception {
        byte[] digest = call.send("GET", base.resolve("/big"), Map.of(), null, (head, in) -> {
            assertThat(head.status()).isEqualTo(200);
            MessageDigest sha = sha256();
            sha.update(in.readAllBytes());
            return sha.digest();
        });

        assertThat(digest).isEqualTo(sha256().digest("x".repeat(2_000).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsATimeout() {
        HttpCall impatient = new HttpCall(Duration.ofSeconds(2), Duration.ofMillis(200));

        assertThatThrownBy(() -> impatient.send("POST", base.resolve("/silent"), Map.of(), new byte[] {1}))
                .isInstanceOf(SocketTimeoutException.class);
        assertThat(received).hasSize(1);   // sent once: a timed-out POST is not re-sent by the JDK
    }

    private void record(HttpExchange exchange) throws IOException {
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()), exchange.getRequestBody().readAllBytes()));
    }

    private static void answer(HttpExchange exchange, int status, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
