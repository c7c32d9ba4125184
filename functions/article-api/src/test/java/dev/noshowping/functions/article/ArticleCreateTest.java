package dev.noshowping.functions.article;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.noshowping.json.Json;
import dev.noshowping.screenshot.UploadTicket;
import dev.noshowping.testkit.ApiCall;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.S3Extension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code POST /articles} through the handler, against PostgreSQL and S3Mock. */
@ExtendWith({PostgresExtension.class, S3Extension.class})
class ArticleCreateTest {

    final ArticleApiHandler api = new ArticleApiHandler();
    Seller seller;
    DataSource ds;

    @BeforeEach
    void setUp(DataSource ds) {
        this.ds = ds;
        seller = Seller.registered("seller-1", api);
    }

    @Test
    void createsEveryPartInOneGoAndNotifiesOpsThroughTheOutbox() throws Exception {
        long shot1 = seller.uploadedScreenshot();
        long shot2 = seller.uploadedScreenshot();
        var reply = seller.post(seller.validArticle(List.of(shot2, shot1)));

        assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
        JsonNode a = reply.json();
        long id = a.get("id").asLong();
        assertThat(a.get("status").asText()).isEqualTo("ON_SALE");
        assertThat(a.get("version").asInt()).isZero();
        assertThat(a.at("/reservation/bookingReference").asText()).as("the seller sees their own reference")
                .isEqualTo("YJ-20261224-0001");
        assertThat(a.get("screenshotIds")).extracting(JsonNode::asLong).containsExactly(shot1, shot2);
        assertThat(a.at("/externalLinks/0/url").asText()).as("rebuilt, tracking parameters dropped")
                .isEqualTo("https://m.bunjang.co.kr/products/123456789");
        try (Connection c = ds.getConnection()) {
            assertThat(count(c, "article")).isEqualTo(1);
            assertThat(count(c, "service_product")).isEqualTo(1);
            assertThat(count(c, "reservation")).isEqualTo(1);
            assertThat(count(c, "external_link where source = 'BUNJANG' and external_id = '123456789'")).isEqualTo(1);
            assertThat(count(c, "screenshot where status = 'LINKED'")).isEqualTo(2);
            try (ResultSet rs = c.createStatement().executeQuery(
                    "select booking_reference_encrypted from reservation")) {
                rs.next();
                assertThat(new String(rs.getBytes(1), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .doesNotContain("YJ-20261224");
            }
            try (ResultSet rs = c.createStatement().executeQuery("select topic, payload::text from outbox")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("article.published");
                JsonNode payload = Json.MAPPER.readTree(rs.getString(2));
                assertThat(payload.get("articleId").asLong()).isEqualTo(id);
                assertThat(payload.get("merchantName").asText()).isEqualTo("seller-1 여행샵");
                assertThat(payload.get("sellerUserId").asLong()).as("the alimtalk goes to the seller")
                        .isEqualTo(Long.parseLong(text(c, "select id from app_user where external_subject = 'seller-1'")));
                assertThat(payload.get("title").asText()).isEqualTo(a.get("title").asText());
                assertThat(payload.get("salePrice").asLong()).isEqualTo(a.get("salePrice").asLong());
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void theFirstResaleCheckIsDueADayAfterPublishing() throws Exception {
        java.time.Instant before = java.time.Instant.now();
        long id = seller.publish(a -> { });
        java.time.Instant after = java.time.Instant.now();
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "select next_resale_check_at, last_resale_check_at from article where id = " + id)) {
            rs.next();
            assertThat(rs.getTimestamp(1).toInstant()).isBetween(before.plus(java.time.Duration.ofHours(24)),
                    after.plus(java.time.Duration.ofHours(24)));
            assertThat(rs.getTimestamp(2)).as("never checked yet").isNull();
        }
    }

    @Test
    void aKnownUserWhoIsNoMerchantCannotSellAndWritesNothing() throws Exception {
        try (Connection c = ds.getConnection()) {
            // known from an earlier hold, say: a user row without a merchant
            c.createStatement().executeUpdate("insert into app_user (external_subject) values ('just-a-user')");
        }
        Seller user = new Seller("just-a-user", api);
        var reply = user.post(user.validArticle(List.of(seller.uploadedScreenshot())));
        assertThat(reply.status()).as(reply.raw()).isEqualTo(403);
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
        try (Connection c = ds.getConnection()) {
            assertThat(count(c, "app_user where external_subject = 'just-a-user'")).isEqualTo(1);
            assertThat(count(c, "article")).isZero();
            assertThat(count(c, "outbox")).isZero();
            assertThat(count(c, "screenshot where status = 'LINKED'")).isZero();
        }
    }

    @Test
    void aRefusedCreateLeavesItsIdempotencyKeyFree() throws Exception {
        long never = seller.announcedScreenshot().screenshotId();
        var refused = ApiCall.as("seller-1").post("/articles", Json.write(seller.validArticle(List.of(never))))
                .header("Idempotency-Key", "retry-me").invoke(api);
        assertRejected(refused, "screenshotIds[0]");
        try (Connection c = ds.getConnection()) {
            assertThat(count(c, "idempotency_key")).as("nothing stored for a request that wrote nothing").isZero();
        }
        // the app fixes the request and sends it again under the same key: it is a new request
        var fixed = ApiCall.as("seller-1").post("/articles", Json.write(seller.validArticle(List.of(seller.uploadedScreenshot()))))
                .header("Idempotency-Key", "retry-me").invoke(api);
        assertThat(fixed.status()).as(fixed.raw()).isEqualTo(201);
        assertThat(fixed.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void anAnswerStoredAsBytesIsReplayedAsStored() throws Exception {
        // an answer stored as bytes, as before answer seeds: another article's, so a rebuilt one would differ
        var earlier = seller.post(seller.validArticle(List.of(seller.uploadedScreenshot())));
        assertThat(earlier.status()).isEqualTo(201);
        String stored = earlier.raw();
        String body = Json.write(seller.validArticle(List.of(seller.uploadedScreenshot())));
        try (Connection c = ds.getConnection(); var s = c.prepareStatement("""
                insert into idempotency_key (user_id, key, request_hash, response_status, response)
                select id, 'old-key', ?, 201, ? from app_user where external_subject = 'seller-1'""")) {
            s.setString(1, dev.noshowping.idempotency.IdempotencyKey.hash("POST /articles", body));
            s.setString(2, stored);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        var reply = ApiCall.as("seller-1").post("/articles", body).header("Idempotency-Key", "old-key").invoke(api);
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.raw()).isEqualTo(stored);
        assertThat(reply.header("Idempotent-Replayed")).isEqualTo("true");
        try (Connection c = ds.getConnection()) {
            assertThat(count(c, "article")).as("only the earlier one").isEqualTo(1);
        }
    }

    @Test
    void aScreenshotNoEventMarkedIsCheckedWithOneHead() throws Exception {
        long uploaded = seller.uploadedScreenshot(); // PENDING in the database, present in S3
        assertThat(seller.post(seller.validArticle(List.of(uploaded))).status()).isEqualTo(201);
    }

    @Test
    void aScreenshotItsUploadEventMarkedIsNotAskedAboutAgain() throws Exception {
        UploadTicket announced = seller.announcedScreenshot();
        try (Connection c = ds.getConnection()) {
            // what the S3 ObjectCreated event does; the object itself is not in S3, so a HEAD would refuse it
            c.createStatement().executeUpdate("update screenshot set status = 'UPLOADED' where id = " + announced.screenshotId());
        }
        var reply = seller.post(seller.validArticle(List.of(announced.screenshotId())));
        assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
        try (Connection c = ds.getConnection()) {
            assertThat(count(c, "screenshot where status = 'LINKED' and reservation_id is not null")).isEqualTo(1);
        }
    }

    @Test
    void articlesRacingForOneScreenshotLinkItOnce() throws Exception {
        long shot = seller.uploadedScreenshot();
        try (Connection c = ds.getConnection()) {
            c.createStatement().executeUpdate("update screenshot set status = 'UPLOADED' where id = " + shot);
        }
        String body = Json.write(seller.validArticle(List.of(shot)));
        List<Callable<ApiCall.Reply>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> ApiCall.as("seller-1").post("/articles", body).invoke(api));
        }
        List<ApiCall.Reply> replies = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (var f : pool.invokeAll(calls)) {
                replies.add(f.get());
            }
        }
        assertThat(replies).extracting(ApiCall.Reply::status).containsOnly(201, 400).containsOnlyOnce(201);
        replies.stream().filter(r -> r.status() == 400).forEach(r -> {
            assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(r.json().get("errors").findValuesAsText("field").getFirst()).startsWith("screenshotIds");
        });
        try (Connection c = ds.getConnection()) {
            assertThat(count(c, "article")).isEqualTo(1);
            assertThat(count(c, "reservation")).isEqualTo(1);
            assertThat(count(c, "outbox")).isEqualTo(1);
        }
    }

    @Test
    void anotherUsersScreenshotCannotBeUsed() throws Exception {
        Seller other = Seller.registered("seller-2", api);
        long theirs = other.uploadedScreenshot();
        var reply = seller.post(seller.validArticle(List.of(theirs)));
        assertRejected(reply, "screenshotIds[0]");
    }

    @Test
    void aLinkedScreenshotCannotBeLinkedAgain() throws Exception {
        long shot = seller.uploadedScreenshot();
        assertThat(seller.post(seller.validArticle(List.of(shot))).status()).isEqualTo(201);
        var reply = seller.post(seller.validArticle(List.of(shot)));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.firstErrorField()).isEqualTo("screenshotIds[0]");
        try (Connection c = ds.getConnection()) {
            assertThat(count(c, "article")).isEqualTo(1);
        }
    }

    @Test
    void aScreenshotNeverUploadedIsRefused() throws Exception {
        long announced = seller.announcedScreenshot().screenshotId();
        assertRejected(seller.post(seller.validArticle(List.of(announced))), "screenshotIds[0]");
    }

    @Test
    void onlyMerchantsSell() throws Exception {
        long shot = seller.uploadedScreenshot();
        var reply = ApiCall.as("just-a-user").post("/articles", Json.write(seller.validArticle(List.of(shot)))).invoke(api);
        assertThat(reply.status()).isEqualTo(403);
    }

    static Stream<Arguments> badArticles() {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Seoul"));
        List<Arguments> cases = new ArrayList<>();
        cases.add(bad("missing title", "title", a -> a.remove("title")));
        cases.add(bad("blank title", "title", a -> a.put("title", "   ")));
        cases.add(bad("title of 101 characters", "title", a -> a.put("title", "가".repeat(101))));
        cases.add(bad("huge title", "title", a -> a.put("title", "x".repeat(100_000))));
        cases.add(bad("title as a number", "title", a -> a.put("title", 42)));
        cases.add(bad("description of 5001 characters", "description", a -> a.put("description", "d".repeat(5001))));
        cases.add(bad("missing accommodation", "accommodationName", a -> a.remove("accommodationName")));
        cases.add(bad("lower-case region", "region", a -> a.put("region", "jeju")));
        cases.add(bad("missing check-in", "checkIn", a -> a.remove("checkIn")));
        cases.add(bad("check-in in the past", "checkIn", a -> a.put("checkIn", today.minusDays(1).toString())));
        cases.add(bad("check-in not a date", "checkIn", a -> a.put("checkIn", "24/12/2026")));
        cases.add(bad("check-in as a number", "checkIn", a -> a.put("checkIn", 20261224)));
        cases.add(bad("check-out on check-in", "checkOut", a -> a.put("checkOut", a.get("checkIn").asText())));
        cases.add(bad("dates reversed", "checkOut", a -> a.put("checkOut", today.plusDays(29).toString())));
        cases.add(bad("31 nights", "checkOut", a -> a.put("checkOut", today.plusDays(61).toString())));
        cases.add(bad("negative original price", "originalPrice", a -> a.put("originalPrice", -1)));
        cases.add(bad("zero original price", "originalPrice", a -> a.put("originalPrice", 0)));
        cases.add(bad("overflowing price", "originalPrice", a -> a.put("originalPrice", new java.math.BigInteger("100000000000000000000000"))));
        cases.add(bad("fractional price", "salePrice", a -> a.put("salePrice", 299999.5)));
        cases.add(bad("price as text", "originalPrice", a -> a.put("originalPrice", "320000")));
        cases.add(bad("scalping: sale above original", "salePrice", a -> a.put("salePrice", 320001)));
        cases.add(bad("missing service product", "serviceProduct", a -> a.remove("serviceProduct")));
        cases.add(bad("no guests", "serviceProduct.guests", a -> ((ObjectNode) a.get("serviceProduct")).put("guests", 0)));
        cases.add(bad("negative guests", "serviceProduct.guests", a -> ((ObjectNode) a.get("serviceProduct")).put("guests", -2)));
        cases.add(bad("guests as text", "serviceProduct.guests", a -> ((ObjectNode) a.get("serviceProduct")).put("guests", "two")));
        cases.add(bad("missing room type", "serviceProduct.roomType", a -> ((ObjectNode) a.get("serviceProduct")).remove("roomType")));
        cases.add(bad("options not an object", "serviceProduct.options", a -> ((ObjectNode) a.get("serviceProduct")).putArray("options").add(1)));
        cases.add(bad("missing reservation", "reservation", a -> a.remove("reservation")));
        cases.add(bad("missing booking reference", "reservation.bookingReference", a -> ((ObjectNode) a.get("reservation")).remove("bookingReference")));
        cases.add(bad("lower-case platform", "reservation.bookingPlatform", a -> ((ObjectNode) a.get("reservation")).put("bookingPlatform", "yanolja")));
        cases.add(bad("guest name of 51 characters", "reservation.guestName", a -> ((ObjectNode) a.get("reservation")).put("guestName", "김".repeat(51))));
        cases.add(bad("no screenshots", "screenshotIds", a -> a.putArray("screenshotIds")));
        cases.add(bad("missing screenshots", "screenshotIds", a -> a.remove("screenshotIds")));
        cases.add(bad("eleven screenshots", "screenshotIds", a -> {
            var ids = a.putArray("screenshotIds");
            for (int i = 1; i <= 11; i++) {
                ids.add(1000 + i);
            }
        }));
        cases.add(bad("screenshot listed twice", "screenshotIds[1]", a -> ((com.fasterxml.jackson.databind.node.ArrayNode) a.get("screenshotIds")).add(a.get("screenshotIds").get(0).asLong())));
        cases.add(bad("screenshot id zero", "screenshotIds[0]", a -> a.putArray("screenshotIds").add(0)));
        cases.add(bad("screenshot that does not exist", "screenshotIds[0]", a -> a.putArray("screenshotIds").add(987654321L)));
        cases.add(bad("unknown link host", "externalLinks[0]", a -> a.putArray("externalLinks").add("https://evil.example.com/products/1")));
        cases.add(bad("javascript link", "externalLinks[0]", a -> a.putArray("externalLinks").add("javascript:alert(1)")));
        cases.add(bad("bunjang host, wrong path", "externalLinks[0]", a -> a.putArray("externalLinks").add("https://m.bunjang.co.kr/shop/1")));
        cases.add(bad("six links", "externalLinks", a -> {
            var links = a.putArray("externalLinks");
            for (int i = 1; i <= 6; i++) {
                links.add("https://web.joongna.com/product/" + i);
            }
        }));
        cases.add(bad("misspelt field", "titel", a -> a.put("titel", "typo")));
        return cases.stream();
    }

    private static Arguments bad(String name, String field, Consumer<ObjectNode> mutation) {
        return Arguments.of(name, field, mutation);
    }

    @ParameterizedTest(name = "{0} → 400 naming {1}")
    @MethodSource("badArticles")
    void badInputIs400NamingTheFieldAndWritesNothing(String name, String field, Consumer<ObjectNode> mutation)
            throws Exception {
        ObjectNode article = seller.validArticle(List.of(seller.uploadedScreenshot()));
        mutation.accept(article);
        assertRejected(seller.post(article), field);
    }

    static Stream<Arguments> brokenBodies() {
        return Stream.of(
                Arguments.of("{\"title\": ", "body"),
                Arguments.of("[1, 2, 3]", "body"),
                Arguments.of("null", "body"),
                Arguments.of("{} {}", "body"),
                Arguments.of("", "body"));
    }

    @ParameterizedTest
    @MethodSource("brokenBodies")
    void brokenJsonIs400(String body, String field) throws Exception {
        var reply = ApiCall.as("seller-1").post("/articles", body).invoke(api);
        assertRejected(reply, field);
    }

    @Test
    void wrongContentTypeIs415AndWritesNothing() throws Exception {
        long shot = seller.uploadedScreenshot();
        var reply = ApiCall.as("seller-1").post("/articles", Json.write(seller.validArticle(List.of(shot))))
                .header("Content-Type", "text/plain").invoke(api);
        assertThat(reply.status()).isEqualTo(415);
        try (Connection c = ds.getConnection()) {
            assertThat(count(c, "article")).isZero();
        }
    }

    @Test
    void allInvalidFieldsAreReportedTogether() {
        var reply = seller.post((ObjectNode) Json.MAPPER.createObjectNode().put("salePrice", 5));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errors").findValuesAsText("field")).contains(
                "title", "accommodationName", "region", "checkIn", "checkOut", "originalPrice",
                "serviceProduct", "reservation", "screenshotIds");
    }

    @Test
    void aRepeatWithTheSameIdempotencyKeyReturnsTheFirstAnswerAndCreatesNothing() throws Exception {
        String body = Json.write(seller.validArticle(List.of(seller.uploadedScreenshot())));
        var first = ApiCall.as("seller-1").post("/articles", body).header("Idempotency-Key", "create-1").invoke(api);
        var second = ApiCall.as("seller-1").post("/articles", body).header("Idempotency-Key", "create-1").invoke(api);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.raw()).isEqualTo(first.raw());
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        try (Connection c = ds.getConnection()) {
            assertThat(count(c, "article")).isEqualTo(1);
            assertThat(count(c, "outbox")).isEqualTo(1);
        }

        // the article changes; a later repeat still gets the first answer, not the article as it is now
        long id = first.json().get("id").asLong();
        assertThat(ApiCall.as("seller-1").patch("/articles/{id}", "{\"version\":0,\"salePrice\":250000}")
                .path("id", id).invoke(api).status()).isEqualTo(200);
        var third = ApiCall.as("seller-1").post("/articles", body).header("Idempotency-Key", "create-1").invoke(api);
        assertThat(third.raw()).isEqualTo(first.raw());
    }

    @Test
    void anIdempotencyKeyReusedForAnotherRequestIs422() throws Exception {
        String first = Json.write(seller.validArticle(List.of(seller.uploadedScreenshot())));
        String other = Json.write(seller.validArticle(List.of(seller.uploadedScreenshot())));
        assertThat(ApiCall.as("seller-1").post("/articles", first).header("Idempotency-Key", "k").invoke(api).status())
                .isEqualTo(201);
        var reply = ApiCall.as("seller-1").post("/articles", other).header("Idempotency-Key", "k").invoke(api);
        assertThat(reply.status()).isEqualTo(422);
        try (Connection c = ds.getConnection()) {
            assertThat(count(c, "article")).isEqualTo(1);
        }
    }

    @Test
    void concurrentRepeatsOfOneKeyCreateOneArticle() throws Exception {
        String body = Json.write(seller.validArticle(List.of(seller.uploadedScreenshot())));
        List<Callable<ApiCall.Reply>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(() -> ApiCall.as("seller-1").post("/articles", body).header("Idempotency-Key", "same").invoke(api));
        }
        List<ApiCall.Reply> replies = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(6)) {
            for (var f : pool.invokeAll(calls)) {
                replies.add(f.get());
            }
        }
        assertThat(replies).extracting(ApiCall.Reply::status).containsOnly(201);
        assertThat(replies).extracting(ApiCall.Reply::raw).containsOnly(replies.getFirst().raw());
        try (Connection c = ds.getConnection()) {
            assertThat(count(c, "article")).isEqualTo(1);
        }
    }

    @Test
    void tenArticlesAtOnceThenTheNextIs429AndWritesNothing() throws Exception {
        for (int i = 0; i < 10; i++) {
            seller.publish(a -> { });
        }
        long screenshot = seller.uploadedScreenshot();
        var limited = seller.post(seller.validArticle(List.of(screenshot)));
        assertThat(limited.status()).as(limited.raw()).isEqualTo(429);
        assertThat(limited.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 360L);
        try (Connection c = ds.getConnection()) {
            assertThat(count(c, "article")).isEqualTo(10);
            assertThat(count(c, "screenshot where status = 'LINKED'")).isEqualTo(10);
        }
        assertThat(Seller.registered("seller-2", api).publish(a -> { })).as("another seller's bucket is their own").isPositive();

        // six minutes on (the bucket aged, not the test): one more
        try (Connection c = ds.getConnection(); var s = c.createStatement()) {
            s.executeUpdate("update rate_bucket set refilled_at = refilled_at - interval '6 minutes' where subject = 'seller-1'");
        }
        assertThat(seller.post(seller.validArticle(List.of(screenshot))).status()).isEqualTo(201);
        assertThat(seller.post(seller.validArticle(List.of(seller.uploadedScreenshot()))).status()).isEqualTo(429);
    }

    @Test
    void badIdempotencyKeyIs400() throws Exception {
        String body = Json.write(seller.validArticle(List.of(seller.uploadedScreenshot())));
        var reply = ApiCall.as("seller-1").post("/articles", body).header("Idempotency-Key", "no spaces allowed").invoke(api);
        assertRejected(reply, "Idempotency-Key");
    }

    private void assertRejected(ApiCall.Reply reply, String field) throws SQLException {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(400);
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(reply.json().get("errors").findValuesAsText("field")).as(reply.raw()).contains(field);
        try (Connection c = ds.getConnection()) {
            assertThat(count(c, "article")).as("no article written").isZero();
            assertThat(count(c, "outbox")).as("no outbox row written").isZero();
            assertThat(count(c, "screenshot where status = 'LINKED'")).as("no screenshot linked").isZero();
        }
    }

    static String text(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static int count(Connection c, String tableAndWhere) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("select count(*) from " + tableAndWhere)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
