package dev.noshowping.functions.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.noshowping.article.CreateArticle;
import dev.noshowping.article.NewArticle;
import dev.noshowping.config.Environment;
import dev.noshowping.crypto.FieldCipher;
import dev.noshowping.db.Database;
import dev.noshowping.identity.Caller;
import dev.noshowping.identity.Role;
import dev.noshowping.json.Json;
import dev.noshowping.lambda.LocalContext;
import dev.noshowping.lambda.Lazy;
import dev.noshowping.screenshot.ScreenshotStorage;
import dev.noshowping.testkit.ApiCall;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.RepoRoot;
import dev.noshowping.testkit.S3Extension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Presigned screenshot URLs against S3Mock (a real S3 implementation) and PostgreSQL. */
@ExtendWith({PostgresExtension.class, S3Extension.class})
class ImageSignHandlerTest {

    static final byte[] IMAGE = "not really a png, but bytes all the same".getBytes(StandardCharsets.UTF_8);
    static final HttpClient HTTP = HttpClient.newHttpClient();

    final ImageSignHandler api = new ImageSignHandler();
    DataSource ds;

    @BeforeEach
    void merchant(DataSource ds) throws Exception {
        this.ds = ds;
        for (String subject : List.of("seller-1", "seller-2")) {
            try (Connection c = ds.getConnection(); var s = c.prepareStatement("""
                    with u as (insert into app_user (external_subject) values (?) returning id)
                    insert into merchant (user_id, merchant_name, payout_bank, payout_account_masked, payout_account_encrypted)
                    select id, ?, '088', '****6789', '\\x01'::bytea from u""")) {
                s.setString(1, subject);
                s.setString(2, subject + " shop");
                s.executeUpdate();
            }
        }
    }

    ApiCall.Reply ticket(String subject, String contentType, Object size) {
        return ApiCall.as(subject).post("/images",
                "{\"contentType\":\"" + contentType + "\",\"sizeBytes\":" + size + "}").invoke(api);
    }

    @Test
    void theUploadUrlSignsTypeAndLengthForFiveMinutes() throws Exception {
        var reply = ticket("seller-1", "image/png", IMAGE.length);

        assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
        URI url = URI.create(reply.json().get("uploadUrl").asText());
        Map<String, String> query = query(url);
        // real S3 refuses a PUT whose signed headers differ; S3Mock does not check, so we check the URL
        assertThat(query.get("X-Amz-SignedHeaders").split(";")).contains("content-length", "content-type");
        assertThat(Integer.parseInt(query.get("X-Amz-Expires"))).isLessThanOrEqualTo(300);
        assertThat(reply.json().at("/headers/Content-Type").asText()).isEqualTo("image/png");
        assertThat(reply.json().at("/headers/Content-Length").asText()).isEqualTo(Integer.toString(IMAGE.length));
        assertThat(url.getPath()).matches(".*/screenshots/[0-9a-f-]{36}\\.png");

        put(reply);
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "select status, size_bytes, content_type from screenshot")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("PENDING");
            assertThat(rs.getLong(2)).isEqualTo(IMAGE.length);
            assertThat(rs.getString(3)).isEqualTo("image/png");
        }
    }

    @Test
    void objectKeysAreRandomNotDerivedFromTheCaller() {
        String a = ticket("seller-1", "image/jpeg", 10).json().get("uploadUrl").asText();
        String b = ticket("seller-1", "image/jpeg", 10).json().get("uploadUrl").asText();
        assertThat(URI.create(a).getPath()).isNotEqualTo(URI.create(b).getPath()).doesNotContain("seller-1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "image/gif        | 100         | contentType",
        "application/pdf  | 100         | contentType",
        "IMAGE/PNG        | 100         | contentType",
        "image/png        | 0           | sizeBytes",
        "image/png        | -1          | sizeBytes",
        "image/png        | 10485761    | sizeBytes",
        "image/png        | \"big\"     | sizeBytes",
        "image/png        | 1.5         | sizeBytes",
    })
    void onlyImagesUpToTenMegabytes(String type, String size, String field) throws Exception {
        var reply = ticket("seller-1", type, size);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(400);
        assertThat(reply.firstErrorField()).isEqualTo(field);
        assertThat(screenshots()).isZero();
    }

    @Test
    void missingFieldsAreAllNamed() throws Exception {
        var reply = ApiCall.as("seller-1").post("/images", "{}").invoke(api);
        assertThat(reply.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("contentType", "sizeBytes");
        assertThat(screenshots()).isZero();
    }

    @Test
    void onlyMerchantsGetUploadUrls() throws Exception {
        assertThat(ticket("not-a-merchant", "image/png", 100).status()).isEqualTo(403);
        assertThat(screenshots()).isZero();
    }

    @Test
    void theOwnerAndAnAdminGetADownloadUrlAnyoneElse404() throws Exception {
        var ticket = ticket("seller-1", "image/png", IMAGE.length);
        put(ticket);
        long id = ticket.json().get("screenshotId").asLong();

        var owner = ApiCall.as("seller-1").get("/images/{id}/url").path("id", id).invoke(api);
        assertThat(owner.status()).isEqualTo(200);
        HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(URI.create(owner.json().get("url").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.body()).isEqualTo(IMAGE);
        assertThat(Integer.parseInt(query(URI.create(owner.json().get("url").asText())).get("X-Amz-Expires")))
                .isLessThanOrEqualTo(300);

        assertThat(ApiCall.asAdmin("ops").get("/images/{id}/url").path("id", id).invoke(api).status()).isEqualTo(200);
        var other = ApiCall.as("seller-2").get("/images/{id}/url").path("id", id).invoke(api);
        assertThat(other.status()).isEqualTo(404);
        var missing = ApiCall.as("seller-2").get("/images/{id}/url").path("id", id + 1000).invoke(api);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(other.json().get("detail").asText()).as("same answer as for a missing one")
                .isEqualTo(missing.json().get("detail").asText().replace(Long.toString(id + 1000), Long.toString(id)));
    }

    @Test
    void theBuyerSeesTheScreenshotsOfThatArticleOnlyOnceTheBookingIsTransferred() throws Exception {
        var ticket = ticket("seller-1", "image/png", IMAGE.length);
        put(ticket);
        long shot = ticket.json().get("screenshotId").asLong();
        long article = publish("seller-1", shot);

        assertThat(ApiCall.as("buyer-1").get("/images/{id}/url").path("id", shot).invoke(api).status()).isEqualTo(404);
        order(article, "buyer-1", "PENDING");
        assertThat(ApiCall.as("buyer-1").get("/images/{id}/url").path("id", shot).invoke(api).status())
                .as("a hold is not a payment").isEqualTo(404);
        try (Connection c = ds.getConnection()) {
            c.createStatement().executeUpdate("update orders set status = 'PAID', paid_at = now()");
        }
        assertThat(ApiCall.as("buyer-1").get("/images/{id}/url").path("id", shot).invoke(api).status())
                .as("paid, but the booking (whose screenshot this is) is not the buyer's yet").isEqualTo(404);
        try (Connection c = ds.getConnection()) {
            c.createStatement().executeUpdate("update orders set status = 'TRANSFERRED', transferred_at = now(), "
                    + "auto_confirm_at = now() + interval '1 day'");
        }
        assertThat(ApiCall.as("buyer-1").get("/images/{id}/url").path("id", shot).invoke(api).status()).isEqualTo(200);
        assertThat(ApiCall.as("buyer-2").get("/images/{id}/url").path("id", shot).invoke(api).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @Event(value = "events/image-sign/post-images.json", type = com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.class)
    void theSampleUploadEventGetsADocumentedAnswer(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent event) {
        // the sample's caller is no merchant in an empty database
        assertThat(ApiCall.invoke(api, event).status()).isEqualTo(403);
    }

    @ParameterizedTest
    @Event(value = "events/image-sign/get-image-url.json", type = com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.class)
    void theSampleDownloadEventGetsADocumentedAnswer(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent event) {
        assertThat(ApiCall.invoke(api, event).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @Event(value = "events/image-sign/object-created.json", type = S3Event.class)
    void anObjectCreatedEventMarksTheScreenshotUploadedOnce(S3Event sample) throws Exception {
        var ticket = ticket("seller-1", "image/png", IMAGE.length);
        String key = objectKey(ticket);
        S3Event event = withObject(sample, key, IMAGE.length);
        var handler = new ScreenshotUploadedHandler();

        assertThat(handler.handleRequest(event, LocalContext.of("ScreenshotUploadedFunction", 20))).containsEntry("marked", 1);
        assertThat(handler.handleRequest(event, LocalContext.of("ScreenshotUploadedFunction", 20)))
                .as("a repeated event changes nothing").containsEntry("marked", 0);
        assertThat(status()).isEqualTo("UPLOADED");
    }

    @ParameterizedTest
    @Event(value = "events/image-sign/object-created.json", type = S3Event.class)
    void theUploadedBytesLeaveTheirSha256EvenWhenTheEventComesAfterTheArticle(S3Event sample) throws Exception {
        var first = ticket("seller-1", "image/png", IMAGE.length);
        var late = ticket("seller-1", "image/png", IMAGE.length);
        put(first);
        put(late);
        var handler = new ScreenshotUploadedHandler();
        handler.handleRequest(withObject(sample, objectKey(first), IMAGE.length), LocalContext.of("ScreenshotUploadedFunction", 20));
        // the second screenshot is linked before its event arrives (article create asked S3 itself)
        try (Connection c = ds.getConnection()) {
            c.createStatement().executeUpdate("update screenshot set status = 'UPLOADED' where content_sha256 is null");
        }
        assertThat(handler.handleRequest(withObject(sample, objectKey(late), IMAGE.length),
                LocalContext.of("ScreenshotUploadedFunction", 20))).as("not pending any more").containsEntry("marked", 0);

        byte[] expected = java.security.MessageDigest.getInstance("SHA-256").digest(IMAGE);
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "select status, content_sha256 from screenshot order by id")) {
            while (rs.next()) {
                assertThat(rs.getString(1)).isEqualTo("UPLOADED");
                assertThat(rs.getBytes(2)).as("the SHA-256 of the bytes in the bucket").isEqualTo(expected);
            }
        }
    }

    @ParameterizedTest
    @Event(value = "events/image-sign/object-created.json", type = S3Event.class)
    void anObjectOfAnotherSizeIsNotMarked(S3Event sample) throws Exception {
        var ticket = ticket("seller-1", "image/png", IMAGE.length);
        String key = objectKey(ticket);
        new ScreenshotUploadedHandler().handleRequest(withObject(sample, key, IMAGE.length + 1),
                LocalContext.of("ScreenshotUploadedFunction", 20));
        assertThat(status()).isEqualTo("PENDING");
    }

    @Test
    void theStreamEntryReadsTheSampleEventAndMarksTheScreenshotUploaded() throws Exception {
        var ticket = ticket("seller-1", "image/png", IMAGE.length);
        byte[] event = sampleWithObjects(objectKey(ticket));
        var handler = new ScreenshotUploadedHandler();

        JsonNode answer = stream(handler, event);
        assertThat(answer.path("records").asInt()).as(answer.toString()).isEqualTo(1);
        assertThat(answer.path("marked").asInt()).as(answer.toString()).isEqualTo(1);
        assertThat(answer.path("function").asText()).isEqualTo("ScreenshotUploadedFunction");
        assertThat(status()).isEqualTo("UPLOADED");
        assertThat(stream(handler, event).path("marked").asInt()).as("a repeated event changes nothing").isZero();
    }

    @Test
    void anEventWithARecordWithoutItsObjectFailsBeforeAnyRecordIsMarked() throws Exception {
        var ticket = ticket("seller-1", "image/png", IMAGE.length);
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(sampleWithObjects(objectKey(ticket)));
        json.withArray("Records").addObject().put("eventSource", "aws:s3").putObject("s3").put("s3SchemaVersion", "1.0");
        byte[] event = Json.MAPPER.writeValueAsBytes(json);

        assertThatThrownBy(() -> stream(new ScreenshotUploadedHandler(), event))
                .isInstanceOf(JsonProcessingException.class).hasMessageContaining("s3.object.key");
        assertThat(status()).as("the valid first record is not marked either").isEqualTo("PENDING");
    }

    @Test
    void thePrimingRunsTheStreamEntryOnAnEventWithoutRecords() throws Exception {
        ticket("seller-1", "image/png", IMAGE.length);
        JsonNode answer = Json.MAPPER.readTree(new ScreenshotUploadedHandler().prime());
        assertThat(answer.path("records").asInt()).isZero();
        assertThat(answer.path("marked").asInt()).isZero();
        assertThat(status()).isEqualTo("PENDING");
    }

    @Test
    void theSigningPrimingSignsWithCredentialsThatAreNoOnesAndStoresNothing() throws Exception {
        ScreenshotStorage.Presigned primed = ScreenshotStorage.primeSigning();
        Map<String, String> signed = query(primed.url().toURI());
        assertThat(primed.url().getHost()).isEqualTo("priming.s3.ap-northeast-2.amazonaws.com");
        assertThat(signed.get("X-Amz-Credential")).startsWith("AKIDPRIMING/");
        assertThat(signed.get("X-Amz-Signature")).matches("[0-9a-f]{64}");
        assertThat(dev.noshowping.testkit.Rows.number(ds, "select count(*) from screenshot")).isZero();
    }

    private static JsonNode stream(ScreenshotUploadedHandler handler, byte[] event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, LocalContext.of("ScreenshotUploadedFunction", 20));
        return Json.MAPPER.readTree(out.toByteArray());
    }

    /** The sample S3 event with its object's key (URL-encoded, as S3 sends it) and size those of an upload. */
    private static byte[] sampleWithObjects(String key) throws Exception {
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(RepoRoot.path().resolve("events/image-sign/object-created.json").toFile());
        ((ObjectNode) json.path("Records").path(0).path("s3").path("object"))
                .put("key", java.net.URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"))
                .put("size", IMAGE.length);
        return Json.MAPPER.writeValueAsBytes(json);
    }

    /** The object key inside a path-style upload URL ({@code /bucket/key}). */
    private static String objectKey(ApiCall.Reply ticket) {
        return URLDecoder.decode(URI.create(ticket.json().get("uploadUrl").asText()).getPath(), StandardCharsets.UTF_8)
                .replaceFirst("^/[^/]+/", "");
    }

    private static S3Event withObject(S3Event sample, String key, long size) {
        var r = sample.getRecords().getFirst();
        var o = r.getS3().getObject();
        var object = new S3EventNotification.S3ObjectEntity(key, size, o.geteTag(), o.getVersionId(), o.getSequencer());
        var s3 = new S3EventNotification.S3Entity(r.getS3().getConfigurationId(), r.getS3().getBucket(), object,
                r.getS3().getS3SchemaVersion());
        return new S3Event(List.of(new S3EventNotification.S3EventNotificationRecord(r.getAwsRegion(), r.getEventName(),
                r.getEventSource(), r.getEventTime().toString(), r.getEventVersion(), r.getRequestParameters(),
                r.getResponseElements(), s3, r.getUserIdentity())));
    }

    private long publish(String seller, long screenshot) {
        var create = new CreateArticle(Database::dataSource,
                Lazy.of(() -> new FieldCipher(Environment.current().require("DATA_ENCRYPTION_KEY"))),
                Lazy.of(() -> ScreenshotStorage.from(Environment.current())), CreateArticle.RATE, Clock.systemUTC());
        LocalDate in = LocalDate.now().plusDays(20);
        var article = new NewArticle("부산 호텔 양도", null, "해운대호텔", "BUSAN", in, in.plusDays(1), 200000L, 150000L,
                new NewArticle.ServiceProduct("트윈", 2, null),
                new NewArticle.Reservation("YANOLJA", "REF-1", "김철수", "NAME_CHANGE"), List.of(screenshot), null);
        var result = create.create(new Caller(seller, Role.USER), article, null, "0".repeat(64));
        assertThat(result).isInstanceOf(CreateArticle.Result.Created.class);
        return ((CreateArticle.Result.Created) result).article().id();
    }

    private void order(long article, String buyer, String status) throws Exception {
        try (Connection c = ds.getConnection(); var s = c.prepareStatement("""
                with b as (insert into app_user (external_subject) values (?) returning id)
                insert into orders (origin_order_id, article_id, buyer_user_id, seller_user_id, amount, status, hold_expires_at)
                select 'ord_test_' || ?, ?, b.id, (select m.user_id from article a join merchant m on m.id = a.merchant_id
                                                   where a.id = ?), 150000, ?, now() + interval '10 minutes' from b""")) {
            s.setString(1, buyer);
            s.setLong(2, article);
            s.setLong(3, article);
            s.setLong(4, article);
            s.setString(5, status);
            s.executeUpdate();
        }
    }

    private static void put(ApiCall.Reply ticket) throws Exception {
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(ticket.json().get("uploadUrl").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(IMAGE))
                .header("Content-Type", ticket.json().at("/headers/Content-Type").asText());
        assertThat(HTTP.send(put.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    private int screenshots() throws Exception {
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery("select count(*) from screenshot")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private String status() throws Exception {
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery("select status from screenshot")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Map<String, String> query(URI url) {
        Map<String, String> params = new HashMap<>();
        Arrays.stream(url.getRawQuery().split("&")).map(p -> p.split("=", 2))
                .forEach(p -> params.put(URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                        URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
        return params;
    }
}
