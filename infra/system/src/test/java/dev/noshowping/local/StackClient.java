package dev.noshowping.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.json.Json;
import dev.noshowping.testkit.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The data a console test acts on, made as people make it: tokens from the local token route,
 * merchants, screenshots and articles, held and paid orders and disputes through the public API
 * and the Toss emulator's widget.
 */
final class StackClient {

    record Reply(int status, String contentType, JsonNode body) {
    }

    record Seller(String token, long merchantId, String phone) {
    }

    record PaidOrder(long id, String orderId, long amount) {
    }

    private static final AtomicInteger REFERENCES = new AtomicInteger();

    private final LocalStack stack;
    private final HttpClient http = HttpClient.newHttpClient();

    StackClient(LocalStack stack) {
        this.stack = stack;
    }

    Reply send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().firstValue("content-type").orElse(""),
                response.body().isEmpty() ? null : Json.MAPPER.readTree(response.body()));
    }

    String token(String sub, String role, String phone) throws Exception {
        String body = phone == null ? "{\"sub\":\"%s\",\"role\":\"%s\"}".formatted(sub, role)
                : "{\"sub\":\"%s\",\"role\":\"%s\",\"phone\":\"%s\"}".formatted(sub, role, phone);
        Reply reply = send("POST", "/_local/token", null, body);
        assertThat(reply.status()).isEqualTo(200);
        return reply.body().get("token").asText();
    }

    Seller seller(String sub, String name, String phone) throws Exception {
        String token = token(sub, "USER", phone);
        Reply created = send("POST", "/merchants", token,
                "{\"merchantName\":\"%s\",\"payoutBank\":\"088\",\"payoutAccount\":\"110123456789\"}".formatted(name));
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        return new Seller(token, created.body().get("id").asLong(), phone);
    }

    /** An article on sale: its screenshot uploaded to S3 first, as the app does. */
    long article(Seller seller, String title, long price) throws Exception {
        Reply ticket = send("POST", "/images", seller.token(), "{\"contentType\":\"image/png\",\"sizeBytes\":4}");
        assertThat(ticket.status()).isEqualTo(201);
        long shot = ticket.body().get("screenshotId").asLong();
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(ticket.body().get("uploadUrl").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3, 4}))
                .header("Content-Type", "image/png").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(200);
        Await.until(Duration.ofSeconds(10), "the upload event marked the screenshot",
                () -> "UPLOADED".equals(ownerQuery("select status from screenshot where id = " + shot)));
        String in = LocalDate.now().plusDays(20).toString();
        String out = LocalDate.now().plusDays(21).toString();
        Reply created = send("POST", "/articles", seller.token(), """
                {"title":"%s","accommodationName":"콘솔호텔","region":"SEOUL","checkIn":"%s","checkOut":"%s",
                 "originalPrice":%d,"salePrice":%d,"serviceProduct":{"roomType":"트윈","guests":2},
                 "reservation":{"bookingPlatform":"AGODA","bookingReference":"CONSOLE-%d","guestName":"김","transferMethod":"NAME_CHANGE"},
                 "screenshotIds":[%d]}""".formatted(title, in, out, price + 10_000, price, REFERENCES.incrementAndGet(), shot));
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        return created.body().get("id").asLong();
    }

    /** Held by the buyer and paid by card through the Toss emulator's widget. */
    PaidOrder paid(String buyerToken, long articleId) throws Exception {
        Reply held = send("POST", "/orders", buyerToken, "{\"articleId\":%d,\"guestName\":\"김민수\"}".formatted(articleId));
        assertThat(held.status()).as(String.valueOf(held.body())).isEqualTo(201);
        String orderId = held.body().get("orderId").asText();
        long amount = held.body().get("amount").asLong();
        Reply checkout = send("POST", "/_local/toss/checkout", null,
                "{\"orderId\":\"%s\",\"amount\":%d,\"method\":\"CARD\"}".formatted(orderId, amount));
        String paymentKey = checkout.body().get("paymentKey").asText();
        Reply paid = send("POST", "/payments/confirm", buyerToken,
                "{\"paymentKey\":\"%s\",\"orderId\":\"%s\",\"amount\":%d}".formatted(paymentKey, orderId, amount));
        assertThat(paid.body().get("status").asText()).as(String.valueOf(paid.body())).isEqualTo("PAID");
        return new PaidOrder(paid.body().get("id").asLong(), orderId, amount);
    }

    long dispute(String buyerToken, PaidOrder order) throws Exception {
        Reply opened = send("POST", "/orders/" + order.id() + "/disputes", buyerToken,
                "{\"reason\":\"NOT_AS_DESCRIBED\",\"description\":\"조식이 빠져 있어요\"}");
        assertThat(opened.status()).as(String.valueOf(opened.body())).isEqualTo(201);
        return opened.body().get("id").asLong();
    }

    /** One value of a query run as the database owner, the way the payout run leaves rows behind. */
    String ownerQuery(String sql) {
        @SuppressWarnings("unchecked")
        Map<String, String> database = (Map<String, String>) stack.describe().get("database");
        try (var c = DriverManager.getConnection(database.get("jdbcUrl"), database.get("user"), database.get("password"));
             var s = c.prepareStatement(sql);
             var rs = s.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
