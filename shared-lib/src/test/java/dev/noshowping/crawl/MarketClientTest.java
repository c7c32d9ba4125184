package dev.noshowping.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the crawler reads of a host, over a real socket: a page, a gone listing, and never more than the cap. */
class MarketClientTest {

    HttpServer server;
    String base;

    @BeforeEach
    void host() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/page", exchange -> send(exchange, 200, "{\"list\":[]}".getBytes(StandardCharsets.UTF_8)));
        server.createContext("/huge", exchange -> send(exchange, 200, new byte[MarketClient.MAX_BODY_BYTES + 1]));
        server.createContext("/gone", exchange -> send(exchange, 404, "{}".getBytes(StandardCharsets.UTF_8)));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, int status, byte[] body) throws java.io.IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    MarketClient client() {
        return new MarketClient(new CrawlSettings(base, base + "/j", base + "/ja", 2, 0, 10, 100, Duration.ofSeconds(5), 2,
                "noshowping-test"));
    }

    @Test
    void aPageIsReadAndAGoneListingIsEmpty() {
        assertThat(client().get(URI.create(base + "/page"))).contains("{\"list\":[]}");
        assertThat(client().get(URI.create(base + "/gone"))).isEmpty();
    }

    @Test
    void aBodyOverTheCapFailsTheTaskInsteadOfBeingHeld() {
        assertThatThrownBy(() -> client().get(URI.create(base + "/huge")))
                .isInstanceOf(MarketFormatException.class).hasMessageContaining("more than " + MarketClient.MAX_BODY_BYTES);
    }
}
