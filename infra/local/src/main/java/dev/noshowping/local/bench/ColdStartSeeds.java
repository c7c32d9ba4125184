package dev.noshowping.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.config.Environment;
import dev.noshowping.json.Json;
import dev.noshowping.screenshot.ScreenshotRepository;
import dev.noshowping.screenshot.ScreenshotStorage;
import dev.noshowping.testkit.Marketplace;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * What the cold starts' databases hold before a start copies them. {@link ColdStartDatabases#EMPTY}
 * is what a fresh stack has. {@link #CATALOGUE} adds the rows seven sample events name, so their first
 * answer is their function's work and not a refusal or a no-op: the upload's caller is a merchant,
 * and the uploaded object the S3 event names is in the bucket, its screenshot pending;
 * article 42 is on sale for the hold; article 1 has the Bunjang listing (external link 1) the resale
 * check looks up; crawl task 1 (run 1, BUNJANG, "호텔 양도") is queued for the crawl worker; the Toss
 * webhook's order is held and waiting for its payment (which Toss is then asked for); and the
 * notification batch's two outbox rows exist, with their recipients' phones, so both are sent. The
 * articles are made by the seller flow's own use cases, as the tests make theirs; the rest is SQL.
 */
final class ColdStartSeeds {

    static final String CATALOGUE = "coldstart_catalogue";

    /** The functions whose sample event needs the catalogue; the others answer against an empty database. */
    static final Set<String> ON_CATALOGUE =
            Set.of("ImageSignFunction", "ScreenshotUploadedFunction", "TossConfirmFunction", "ResaleWorkerFunction",
                    "CrawlWorkerFunction", "WebhooksFunction", "AlimtalkFunction");

    private static final String LISTING = "https://m.bunjang.co.kr/products/123456789";

    private ColdStartSeeds() {
    }

    static String of(String functionId) {
        return ON_CATALOGUE.contains(functionId) ? CATALOGUE : ColdStartDatabases.EMPTY;
    }

    /**
     * Fills {@code db} (the owner's login to {@link #CATALOGUE}, already a copy of the empty database)
     * and checks its ids are the samples'.
     */
    static void fillCatalogue(DataSource db, Path root) throws IOException, SQLException {
        // the upload's caller, who is also the seller of events/README.md
        String seller = Json.MAPPER.readTree(root.resolve("events/image-sign/post-images.json").toFile())
                .at("/requestContext/authorizer/jwt/claims/sub").asText();
        long checked = Marketplace.articleOnSale(() -> db, seller, 250_000, "YJ-COLD-START-1", List.of(LISTING));
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("select setval(pg_get_serial_sequence('article', 'id'), 41)");
        }
        long held = Marketplace.articleOnSale(() -> db, seller, 300_000, "YJ-COLD-START-42", null);
        long paid = Marketplace.articleOnSale(() -> db, seller, 300_000, "YJ-COLD-START-43", null);
        long link;
        long task;
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            link = single(s, "select id from external_link where article_id = " + checked);
            long run = single(s, "insert into crawl_run (trigger, tasks) values ('SCHEDULE', 1) returning id");
            // a migration adds the keyword (id 2, as the sample says); an emptied test database lacks it
            s.execute("insert into crawl_keyword (keyword) values ('호텔 양도') on conflict (keyword) do nothing");
            task = single(s, "insert into crawl_task (run_id, source, keyword_id) select " + run
                    + ", 'BUNJANG', id from crawl_keyword where keyword = '호텔 양도' returning id");
            heldForTheWebhook(c, paid, Json.MAPPER.readTree(root.resolve("events/webhooks/payment-status-changed.json").toFile()));
            outboxOfTheBatch(c, Json.MAPPER.readTree(root.resolve("events/alimtalk/notifications-batch.json").toFile()));
            pendingUpload(c, seller, Json.MAPPER.readTree(root.resolve("events/image-sign/object-created.json").toFile()));
        }
        if (checked != 1 || held != 42 || link != 1 || task != 1) {
            throw new IllegalStateException("the catalogue's ids are not the sample events': article " + checked
                    + " and " + held + ", external link " + link + ", crawl task " + task);
        }
    }

    /** The webhook's order: a hold of {@code article} by another buyer, under the event's Toss orderId. */
    private static void heldForTheWebhook(Connection c, long article, JsonNode event) throws IOException, SQLException {
        String orderId = Json.MAPPER.readTree(event.path("body").asText()).at("/data/orderId").asText();
        try (PreparedStatement s = c.prepareStatement("""
                with buyer as (insert into app_user (external_subject) values ('cold-start-webhook-buyer') returning id)
                insert into orders (origin_order_id, article_id, buyer_user_id, seller_user_id, amount, hold_expires_at,
                                    guest_name)
                select ?, a.id, buyer.id, m.user_id, a.sale_price, now() + interval '1 day', '김민수'
                from article a join merchant m on m.id = a.merchant_id, buyer where a.id = ?""")) {
            s.setString(1, orderId);
            s.setLong(2, article);
            s.executeUpdate();
        }
    }

    /** The batch's outbox rows as the relay leaves them (published), and the users its payloads name, with phones. */
    private static void outboxOfTheBatch(Connection c, JsonNode batch) throws IOException, SQLException {
        try (PreparedStatement outbox = c.prepareStatement(
                     "insert into outbox (id, topic, payload, published_at) values (?::uuid, ?, ?::jsonb, now())");
             PreparedStatement user = c.prepareStatement("""
                     insert into app_user (id, external_subject, phone) overriding system value
                     values (?, 'cold-start-recipient-' || ?, '+8210' || lpad(?::text, 8, '0'))
                     on conflict (id) do nothing""")) {
            for (JsonNode record : batch.path("Records")) {
                JsonNode message = Json.MAPPER.readTree(record.path("body").asText());
                outbox.setString(1, message.path("outboxId").asText());
                outbox.setString(2, message.path("topic").asText());
                outbox.setString(3, message.path("payload").toString());
                outbox.executeUpdate();
                for (String field : List.of("sellerUserId", "recipientUserId")) {
                    JsonNode id = message.path("payload").path(field);
                    if (id.canConvertToExactIntegral()) {
                        user.setLong(1, id.asLong());
                        user.setLong(2, id.asLong());
                        user.setLong(3, id.asLong());
                        user.executeUpdate();
                    }
                }
            }
        }
    }

    /**
     * The S3 event's object: the seller's screenshot, pending, and bytes of its size in the bucket
     * (put through a presigned URL, as a seller's browser puts them), so the handler reads and marks it.
     */
    private static void pendingUpload(Connection c, String seller, JsonNode event) throws IOException, SQLException {
        JsonNode object = event.at("/Records/0/s3/object");
        // S3 sends keys URL-encoded, as the handler's reader knows
        String key = URLDecoder.decode(object.path("key").asText(), StandardCharsets.UTF_8);
        long size = object.path("size").asLong();
        long owner;
        try (PreparedStatement s = c.prepareStatement("select id from app_user where external_subject = ?")) {
            s.setString(1, seller);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                owner = rs.getLong(1);
            }
        }
        ScreenshotRepository.insertPending(c, owner, key, "image/png", size);
        ScreenshotStorage.Presigned put = ScreenshotStorage.from(Environment.current())
                .presignPut(key, "image/png", size, Duration.ofMinutes(5));
        try {
            Marketplace.putThroughPresignedUrl(put.url().toURI(), put.headers(), new byte[Math.toIntExact(size)]);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("no row from: " + sql);
            }
            return rs.getLong(1);
        }
    }
}
