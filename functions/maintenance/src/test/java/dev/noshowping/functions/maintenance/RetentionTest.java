package dev.noshowping.functions.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.noshowping.config.Environment;
import dev.noshowping.db.Database;
import dev.noshowping.lambda.LocalContext;
import dev.noshowping.retention.Retention;
import dev.noshowping.retention.RetentionPeriods;
import dev.noshowping.screenshot.ScreenshotStorage;
import dev.noshowping.testkit.FreePort;
import dev.noshowping.testkit.Marketplace;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.Rows;
import dev.noshowping.testkit.S3Extension;
import dev.noshowping.testkit.SqsExtension;
import dev.noshowping.testkit.TestStorage;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * What is past its period goes (webhook events, idempotent answers, idle buckets, unused
 * screenshots with their objects); what is young or in use stays; each run deletes a bounded
 * batch; a kind that fails keeps neither the others from running nor its objects from going later.
 */
@ExtendWith({PostgresExtension.class, S3Extension.class, SqsExtension.class})
class RetentionTest {

    private static final String BUCKET = TestStorage.BUCKET;

    @ParameterizedTest
    @Event(value = "events/maintenance/maintenance-schedule.json", type = ScheduledEvent.class)
    void theMinuteRunDeletesWhatIsPastItsPeriodAndKeepsTheRest(ScheduledEvent event, DataSource ds) throws Exception {
        long user = user(ds, "retention-user");
        paymentEvent(ds, "old", "401 days");
        paymentEvent(ds, "young", "399 days");
        idempotencyKey(ds, user, "old", "16 days");
        idempotencyKey(ds, user, "young", "14 days");
        rateBucket(ds, "idle", "25 hours");
        rateBucket(ds, "busy", "23 hours");
        screenshot(ds, user, "screenshots/unused-old.png", "UPLOADED", "3 days", true);
        screenshot(ds, user, "screenshots/never-uploaded.png", "PENDING", "3 days", false);
        screenshot(ds, user, "screenshots/unused-young.png", "UPLOADED", "1 day", true);
        long order = Marketplace.completedSale("seller-r", 100_000, 1);
        long evidence = screenshot(ds, user, "screenshots/proof.png", "UPLOADED", "30 days", true);
        Rows.execute(ds, "insert into order_evidence (order_id, screenshot_id, kind) values (%d, %d, 'TRANSFER_PROOF')"
                .formatted(order, evidence));
        // the article's own screenshot, linked at create, long ago
        Rows.execute(ds, "update screenshot set created_at = now() - interval '30 days' where status = 'LINKED'");
        String linkedKey = Rows.text(ds, "select object_key from screenshot where status = 'LINKED'");

        Map<String, Object> summary = new MaintenanceHandler().handleRequest(event, LocalContext.of("MaintenanceFunction", 60));

        assertThat(summary).containsEntry("paymentEventsDeleted", 1).containsEntry("idempotencyKeysDeleted", 1)
                .containsEntry("rateBucketsForgotten", 1).containsEntry("unusedScreenshotsDeleted", 2)
                .containsEntry("screenshotObjectsDeleted", 2);
        assertThat(texts(ds, "select source_event_key from payment_event")).containsExactly("young");
        assertThat(texts(ds, "select key from idempotency_key")).containsExactly("young");
        assertThat(texts(ds, "select subject from rate_bucket where action = 'HOLD'")).containsExactly("busy");
        assertThat(texts(ds, "select object_key from screenshot"))
                .containsExactlyInAnyOrder("screenshots/proof.png", "screenshots/unused-young.png", linkedKey);
        assertThat(stored("screenshots/unused-old.png")).as("the object went with its row").isFalse();
        assertThat(stored("screenshots/unused-young.png")).isTrue();
        assertThat(stored("screenshots/proof.png")).as("evidence of an order stays").isTrue();
        assertThat(stored(linkedKey)).as("a linked screenshot stays").isTrue();
        assertThat(Rows.number(ds, "select count(*) from screenshot_object_deletion")).isZero();
    }

    @Test
    void eachRunDeletesAtMostABatchOfEachKindOldestFirst(DataSource ds) throws Exception {
        long user = user(ds, "retention-user");
        for (int age = 20; age <= 22; age++) {
            paymentEvent(ds, "e" + age, age * 30 + " days");
            idempotencyKey(ds, user, "k" + age, age + " days");
            rateBucket(ds, "b" + age, age * 24 + " hours");
            screenshot(ds, user, "screenshots/s" + age + ".png", "UPLOADED", age + " days", true);
        }
        Retention retention = retention(storage(), 2);

        Map<String, Object> first = retention.run();

        assertThat(first).containsOnly(Map.entry("paymentEventsDeleted", 2), Map.entry("idempotencyKeysDeleted", 2),
                Map.entry("rateBucketsForgotten", 2), Map.entry("unusedScreenshotsDeleted", 2),
                Map.entry("screenshotObjectsDeleted", 2));
        assertThat(texts(ds, "select source_event_key from payment_event")).containsExactly("e20");
        assertThat(texts(ds, "select key from idempotency_key")).containsExactly("k20");
        assertThat(texts(ds, "select subject from rate_bucket")).containsExactly("b20");
        assertThat(texts(ds, "select object_key from screenshot")).containsExactly("screenshots/s20.png");
        assertThat(stored("screenshots/s22.png")).isFalse();
        assertThat(stored("screenshots/s20.png")).isTrue();

        assertThat(retention.run()).containsOnly(Map.entry("paymentEventsDeleted", 1),
                Map.entry("idempotencyKeysDeleted", 1), Map.entry("rateBucketsForgotten", 1),
                Map.entry("unusedScreenshotsDeleted", 1), Map.entry("screenshotObjectsDeleted", 1));
        assertThat(stored("screenshots/s20.png")).isFalse();
    }

    @Test
    void aKindThatFailsStopsNoOtherAndItsObjectsGoOnALaterRun(DataSource ds) throws Exception {
        long user = user(ds, "retention-user");
        paymentEvent(ds, "old", "401 days");
        idempotencyKey(ds, user, "old", "16 days");
        rateBucket(ds, "idle", "25 hours");
        screenshot(ds, user, "screenshots/unused-old.png", "UPLOADED", "3 days", true);
        // S3 unreachable: nothing listens on this port
        ScreenshotStorage unreachable = new ScreenshotStorage(BUCKET, Region.US_EAST_1,
                URI.create("http://localhost:" + FreePort.find()), credentials());

        assertThatThrownBy(() -> retention(unreachable, 100).run())
                .isInstanceOf(Retention.RetentionFailed.class)
                .hasMessageContaining("[screenshotObjectsDeleted]");

        assertThat(Rows.number(ds, "select count(*) from payment_event")).isZero();
        assertThat(Rows.number(ds, "select count(*) from idempotency_key")).isZero();
        assertThat(Rows.number(ds, "select count(*) from rate_bucket")).isZero();
        assertThat(Rows.number(ds, "select count(*) from screenshot")).as("nothing can link the row any more").isZero();
        assertThat(stored("screenshots/unused-old.png")).isTrue();
        assertThat(texts(ds, "select object_key from screenshot_object_deletion"))
                .as("the object waits for its delete").containsExactly("screenshots/unused-old.png");

        assertThat(retention(storage(), 100).run()).containsEntry("screenshotObjectsDeleted", 1);
        assertThat(stored("screenshots/unused-old.png")).isFalse();
        assertThat(Rows.number(ds, "select count(*) from screenshot_object_deletion")).isZero();
    }

    @Test
    void aScreenshotBeingLinkedIsSkippedAndStaysOnceLinked(DataSource ds) throws Exception {
        long user = user(ds, "retention-user");
        long article = Marketplace.articleOnSale("seller-r", 100_000);
        long reservation = Rows.number(ds, "select id from reservation where article_id = " + article);
        long screenshot = screenshot(ds, user, "screenshots/being-linked.png", "UPLOADED", "3 days", true);
        Retention retention = retention(storage(), 100);
        try (Connection linking = ds.getConnection()) {
            linking.setAutoCommit(false);
            // an article create linking it holds its row: the run neither waits for it nor deletes it
            linking.createStatement().executeUpdate("update screenshot set status = 'LINKED', reservation_id = %d where id = %d"
                    .formatted(reservation, screenshot));

            assertThat(retention.run()).containsEntry("unusedScreenshotsDeleted", 0);

            linking.commit();
        }
        assertThat(retention.run()).containsEntry("unusedScreenshotsDeleted", 0);
        assertThat(Rows.text(ds, "select status from screenshot where id = " + screenshot)).isEqualTo("LINKED");
        assertThat(stored("screenshots/being-linked.png")).isTrue();
    }

    private static Retention retention(ScreenshotStorage storage, int batch) {
        return new Retention(Database::dataSource, () -> storage, RetentionPeriods.DEFAULT, Clock.systemUTC(), batch);
    }

    private static ScreenshotStorage storage() {
        return ScreenshotStorage.from(Environment.current());
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }

    private static long user(DataSource ds, String subject) throws SQLException {
        return Rows.number(ds, "insert into app_user (external_subject) values ('%s') returning id".formatted(subject));
    }

    private static void paymentEvent(DataSource ds, String key, String age) throws SQLException {
        Rows.execute(ds, """
                insert into payment_event (source_event_key, event_type, payload, received_at)
                values ('%s', 'PAYMENT_STATUS_CHANGED', '{}', now() - interval '%s')""".formatted(key, age));
    }

    private static void idempotencyKey(DataSource ds, long user, String key, String age) throws SQLException {
        Rows.execute(ds, """
                insert into idempotency_key (user_id, key, request_hash, response_status, response, created_at)
                values (%d, '%s', repeat('0', 64), 201, '{}', now() - interval '%s')""".formatted(user, key, age));
    }

    private static void rateBucket(DataSource ds, String subject, String idleFor) throws SQLException {
        Rows.execute(ds, """
                insert into rate_bucket (subject, action, tokens, refilled_at)
                values ('%s', 'HOLD', 0, now() - interval '%s')""".formatted(subject, idleFor));
    }

    /** A screenshot row whose URL was issued {@code age} ago, with its object when {@code uploaded}. */
    private static long screenshot(DataSource ds, long owner, String key, String status, String age, boolean uploaded)
            throws SQLException {
        if (uploaded) {
            TestStorage.get().client().putObject(b -> b.bucket(BUCKET).key(key).contentType("image/png"),
                    RequestBody.fromBytes(new byte[] {1, 2, 3}));
        }
        return Rows.number(ds, """
                insert into screenshot (owner_user_id, object_key, content_type, size_bytes, status, created_at)
                values (%d, '%s', 'image/png', 3, '%s', now() - interval '%s') returning id"""
                .formatted(owner, key, status, age));
    }

    private static boolean stored(String key) {
        try {
            TestStorage.get().client().headObject(b -> b.bucket(BUCKET).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    private static List<String> texts(DataSource ds, String sql) throws SQLException {
        return Rows.of(ds, sql).stream().map(row -> (String) row.values().iterator().next()).toList();
    }
}
