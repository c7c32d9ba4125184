package dev.noshowping.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.noshowping.json.Json;
import dev.noshowping.local.StackClient.Reply;
import dev.noshowping.testkit.Await;
import dev.noshowping.testkit.RepoRoot;
import dev.noshowping.testkit.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole local stack from the real template.yaml, driven over HTTP as a person or script would:
 * health with a database round trip, tokens, the authorizer's refusals, routing, malformed bodies.
 */
class LocalStackTest {

    @TempDir
    static Path localDir;

    static LocalStack stack;
    static StackClient api;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path root = RepoRoot.path();
        // the build's migrated template as a kept .local/pg: no initdb, no migration to apply
        TestPostgres.seed(LocalStack.postgresDirectory(localDir));
        stack = LocalStack.start(StackOptions.forTests(root, root.resolve("template.yaml"), localDir));
        api = new StackClient(stack);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    static Reply send(String method, String path, String token, String body) throws Exception {
        return api.send(method, path, token, body);
    }

    static String token(String sub, String role) throws Exception {
        return api.token(sub, role, null);
    }

    @Test
    void aDeepHealthCheckAnswersWithADatabaseRoundTrip() throws Exception {
        Reply reply = send("GET", "/health?deep=true", null, null);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("database").asText()).isEqualTo("UP");
    }

    @Test
    void aMintedTokenReachesTheRoutesHandlerWithItsClaims() throws Exception {
        Reply reply = send("GET", "/articles/42", token("alice", "USER"), null);
        // the handler looked the path's {id} up for this caller
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).isEqualTo("application/problem+json");
        assertThat(reply.body().get("detail").asText()).isEqualTo("no article 42");
        assertThat(send("GET", "/merchants/me", token("alice", "USER"), null).body().get("detail").asText())
                .contains("not a merchant");
    }

    @Test
    void aSellerPublishesThroughTheGatewayAndTheUploadEventMarksTheScreenshot() throws Exception {
        String seller = token("gateway-seller", "USER");
        assertThat(send("POST", "/merchants", seller,
                "{\"merchantName\":\"게이트웨이샵\",\"payoutBank\":\"088\",\"payoutAccount\":\"110123456789\"}").status())
                .isEqualTo(201);
        Reply ticket = send("POST", "/images", seller, "{\"contentType\":\"image/png\",\"sizeBytes\":4}");
        assertThat(ticket.status()).isEqualTo(201);
        long shot = ticket.body().get("screenshotId").asLong();
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(ticket.body().get("uploadUrl").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3, 4}))
                .header("Content-Type", "image/png").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(200);
        // the S3 pass-through told ScreenshotUploadedFunction, as S3 would
        Await.until(Duration.ofSeconds(10), "the upload event marked the screenshot", () -> screenshotStatus(shot).equals("UPLOADED"));

        String in = java.time.LocalDate.now().plusDays(15).toString();
        String out = java.time.LocalDate.now().plusDays(16).toString();
        Reply created = send("POST", "/articles", seller, """
                {"title":"게이트웨이 호텔","accommodationName":"호텔","region":"SEOUL","checkIn":"%s","checkOut":"%s",
                 "originalPrice":100000,"salePrice":90000,"serviceProduct":{"roomType":"트윈","guests":2},
                 "reservation":{"bookingPlatform":"AGODA","bookingReference":"AG-1","guestName":"김","transferMethod":"NAME_CHANGE"},
                 "screenshotIds":[%d]}""".formatted(in, out, shot));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        assertThat(screenshotStatus(shot)).isEqualTo("LINKED");
        Reply list = send("GET", "/articles?region=SEOUL", token("buyer", "USER"), null);
        assertThat(list.body().get("items").get(0).get("title").asText()).isEqualTo("게이트웨이 호텔");

        // its notification: the sweep publishes it, the local SQS source feeds the consumer, Discord gets it
        assertThat(send("POST", "/_local/schedules/MaintenanceFunction/run", null, null).status()).isEqualTo(200);
        Await.until(Duration.ofSeconds(10), "the consumer posted the new article to Discord",
                () -> stack.discord().contents().stream().anyMatch(c -> c.contains("게이트웨이 호텔") && c.contains("게이트웨이샵")));
    }

    private static String screenshotStatus(long id) {
        var db = stack.describe();
        @SuppressWarnings("unchecked")
        var database = (java.util.Map<String, String>) db.get("database");
        try (var c = java.sql.DriverManager.getConnection(database.get("jdbcUrl"), database.get("user"), database.get("password"));
             var s = c.prepareStatement("select status from screenshot where id = ?")) {
            s.setLong(1, id);
            try (var rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : "MISSING";
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void missingTokenIsRefused() throws Exception {
        Reply reply = send("GET", "/articles", null, null);
        assertUnauthorized(reply, "missing bearer token");
    }

    @Test
    void tokenSignedWithAnotherKeyIsRefused() throws Exception {
        RSAKey otherKey = new RSAKeyGenerator(2048).keyID("local-dev").generate();
        String forged = new LocalJwt(otherKey, stack.template().jwt().issuer(), stack.template().jwt().audience())
                .mint("mallory", "ADMIN", Duration.ofHours(1));
        assertUnauthorized(send("GET", "/articles", forged, null), "invalid token signature");
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        String expired = stack.jwt().mint("alice", "USER", Duration.ofSeconds(-60));
        assertUnauthorized(send("GET", "/articles", expired, null), "token expired");
    }

    @Test
    void tokenForAnotherAudienceIsRefused() throws Exception {
        RSAKey key = LocalJwt.loadOrCreateKey(localDir.resolve("jwt-key.json"));
        String other = new LocalJwt(key, stack.template().jwt().issuer(), List.of("someone-else"))
                .mint("alice", "USER", Duration.ofHours(1));
        assertUnauthorized(send("GET", "/articles", other, null), "token audience");
    }

    @Test
    void garbageTokenIsRefused() throws Exception {
        assertUnauthorized(send("GET", "/articles", "not.a.jwt", null), "malformed token");
    }

    private static void assertUnauthorized(Reply reply, String detail) {
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.contentType()).isEqualTo("application/problem+json");
        assertThat(reply.body().get("detail").asText()).contains(detail);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nowhere", "/articles/1/2/3", "/"})
    void unknownRouteIs404ProblemJson(String path) throws Exception {
        Reply reply = send("GET", path, token("alice", "USER"), null);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void knownPathWithAnotherMethodIs404() throws Exception {
        assertThat(send("PUT", "/articles", token("alice", "USER"), "{}").status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{bad", "{\"title\": }", "[1,2", "\"unterminated"})
    void malformedJsonIs400ProblemJsonNamingTheBody(String body) throws Exception {
        Reply reply = send("POST", "/articles", token("alice", "USER"), body);
        assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(400);
        assertThat(reply.contentType()).isEqualTo("application/problem+json");
        assertThat(reply.body().get("errors").get(0).get("field").asText()).isEqualTo("body");
    }

    @Test
    void webhookRouteHasNoAuthorizer() throws Exception {
        // no token, yet the webhook function answers: stored as an event for an unknown order
        Reply reply = send("POST", "/webhooks/toss", null, "{\"eventType\":\"PAYMENT_STATUS_CHANGED\"}");
        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void everyTemplateRouteReachesItsFunction() throws Exception {
        String token = token("alice", "ADMIN");
        for (HttpGateway.Binding binding : stack.host().template().functions().values().stream()
                .flatMap(f -> f.routes().stream().map(r -> new HttpGateway.Binding(f.logicalId(), r, null))).toList()) {
            String path = binding.route().path().replace("{id}", "7").replace("{name}", "some-dlq");
            Reply reply = send(binding.route().method(), path, token, null);
            // the function answered (not the gateway's "no route", not a crash), whatever it decided
            assertThat(reply.status()).as(binding.route().routeKey()).isNotEqualTo(401).isNotEqualTo(500);
            if (reply.status() == 404) {
                assertThat(reply.body().get("detail").asText()).as(binding.route().routeKey()).doesNotStartWith("no route");
            }
        }
    }

    @Test
    void schedulesCanBeFiredOnDemand() throws Exception {
        Reply reply = send("POST", "/_local/schedules/MaintenanceFunction/run", null, null);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("function").asText()).isEqualTo("MaintenanceFunction");
        assertThat(send("POST", "/_local/schedules/NoSuchFunction/run", null, null).status()).isEqualTo(404);
    }

    @Test
    void tokenRequestsAreValidated() throws Exception {
        assertThat(send("POST", "/_local/token", null, "{\"role\":\"USER\"}").status()).isEqualTo(400);
        assertThat(send("POST", "/_local/token", null, "{\"sub\":\"a\",\"role\":\"ROOT\"}").status()).isEqualTo(400);
        assertThat(send("POST", "/_local/token", null, "nope").status()).isEqualTo(400);
    }

    @Test
    void stackFileNamesEveryPart() throws Exception {
        JsonNode file = Json.MAPPER.readTree(Files.readString(localDir.resolve("stack.json")));
        assertThat(file.get("gateway").asText()).isEqualTo(stack.gatewayUrl());
        assertThat(file.at("/database/jdbcUrl").asText()).startsWith("jdbc:postgresql://localhost:");
        assertThat(file.at("/sqs/queues").fieldNames()).toIterable()
                .contains("NotificationsQueue", "NotificationsQueueDLQ", "CrawlTasksQueue", "ResaleChecksQueue");
        assertThat(file.at("/s3/buckets/ScreenshotsBucket").asText()).isEqualTo("noshowping-dev-screenshots-000000000000");
        assertThat(file.at("/functionEnvironment/SCREENSHOTS_BUCKET").asText())
                .as("the !Sub name resolves the same way for the bucket and the variable")
                .isEqualTo("noshowping-dev-screenshots-000000000000");
        assertThat(file.at("/functionEnvironment/NOTIFICATIONS_QUEUE_URL").asText())
                .isEqualTo(stack.queueUrls().get("NotificationsQueue"));
    }

    @Test
    void theMarketplaceEmulatorIsSeededWiredAndReachableThroughTheGateway() throws Exception {
        var market = stack.market();
        JsonNode file = Json.MAPPER.readTree(Files.readString(localDir.resolve("stack.json")));
        assertThat(file.at("/emulators/market").asText()).isEqualTo(market.baseUrl());
        assertThat(file.at("/functionEnvironment/BUNJANG_BASE_URL").asText()).isEqualTo(market.baseUrl() + "/bunjang");
        assertThat(file.at("/functionEnvironment/JOONGNA_BASE_URL").asText()).isEqualTo(market.baseUrl() + "/joongna");
        assertThat(file.at("/functionEnvironment/JOONGNA_API_BASE_URL").asText()).isEqualTo(market.baseUrl() + "/joongna-api");
        assertThat(file.at("/functionEnvironment/CRAWL_HOST_RATE_PER_SECOND").asText())
                .as("no pace between requests to emulators").isEqualTo("0");
        for (String keyword : LocalStack.MARKET_KEYWORDS) {
            assertThat(market.items("BUNJANG", keyword)).as(keyword).hasSizeGreaterThanOrEqualTo(120);
            assertThat(market.items("JOONGNA", keyword)).as(keyword).hasSizeGreaterThanOrEqualTo(120);
        }
        assertThat(market.items("BUNJANG", "호텔 양도")).as("shares Jeju hotels").hasSize(140);

        HttpResponse<String> search = http.send(HttpRequest.newBuilder(URI.create(market.bunjangBaseUrl()
                + "/api/1/find_v2.json?q=%ED%98%B8%ED%85%94+%EC%96%91%EB%8F%84&order=date&page=0&n=30")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(dev.noshowping.crawl.BunjangPages.search(search.body())).hasSize(30);
        Reply counters = send("GET", "/_local/market/requests", null, null);
        assertThat(counters.status()).isEqualTo(200);
        assertThat(counters.body().at("/sources/BUNJANG/searchPages/호텔 양도").toString()).contains("0");
    }

    @Test
    void queuesCarryTheTemplatesRedrivePolicy() {
        var attributes = stack.sqs().getQueueAttributes(r -> r.queueUrl(stack.queueUrls().get("NotificationsQueue"))
                .attributeNames(software.amazon.awssdk.services.sqs.model.QueueAttributeName.ALL)).attributes();
        assertThat(attributes.get(software.amazon.awssdk.services.sqs.model.QueueAttributeName.REDRIVE_POLICY))
                .contains("NotificationsQueueDLQ").contains("5");
        assertThat(attributes.get(software.amazon.awssdk.services.sqs.model.QueueAttributeName.VISIBILITY_TIMEOUT))
                .isEqualTo("180");
    }
}
