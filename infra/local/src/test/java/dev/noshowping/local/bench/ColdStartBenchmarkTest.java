package dev.noshowping.local.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noshowping.config.Environment;
import dev.noshowping.screenshot.ScreenshotStorage;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.RepoRoot;
import dev.noshowping.testkit.S3Extension;
import dev.noshowping.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cold-start benchmark's parts that a run takes on trust: the catalogue against the real schema
 * (every row a sample event names is there after {@link ColdStartSeeds#fillCatalogue}, so a
 * migration that breaks a seed fails here and not halfway through a run), the database a start is
 * pointed at, what the probe says an answer was, and the goal's line.
 */
@ExtendWith({PostgresExtension.class, S3Extension.class})
class ColdStartBenchmarkTest {

    @Test
    void theCatalogueHoldsTheRowsTheSampleEventsName(TestDatabase database) throws Exception {
        ColdStartSeeds.fillCatalogue(database.ownerDataSource(), RepoRoot.path());

        try (Connection c = database.ownerDataSource().getConnection(); Statement s = c.createStatement()) {
            // events/image-sign/post-images.json: its caller is a merchant
            assertThat(text(s, "select count(*) from merchant m join app_user u on u.id = m.user_id "
                    + "where u.external_subject = '2c7e4b1a-6f3d-4e8a-9b5c-1d2e3f405162'")).isEqualTo("1");
            // toss-confirm/post-orders.json holds article 42; resale-check.json checks article 1's link 1
            assertThat(text(s, "select string_agg(id || ':' || status, ',' order by id) from article where id in (1, 42)"))
                    .isEqualTo("1:ON_SALE,42:ON_SALE");
            assertThat(text(s, "select article_id || ' ' || source from external_link where id = 1")).isEqualTo("1 BUNJANG");
            // crawler/crawl-task.json: task 1 of run 1, queued
            assertThat(text(s, "select run_id || ' ' || source || ' ' || status || ' ' || k.keyword "
                    + "from crawl_task t join crawl_keyword k on k.id = t.keyword_id where t.id = 1"))
                    .isEqualTo("1 BUNJANG QUEUED 호텔 양도");
            // webhooks/payment-status-changed.json: its order is held, waiting for the payment
            assertThat(text(s, "select status from orders where origin_order_id = 'ord_7Hq2kX9mPzR4tW1vNb3c'"))
                    .isEqualTo("PENDING");
            // alimtalk/notifications-batch.json: both outbox rows, and phones for the users they name
            assertThat(text(s, "select string_agg(topic, ',' order by topic) from outbox where id in "
                    + "('0f8e7d6c-5b4a-4938-8271-605f4e3d2c1b', '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d')"))
                    .isEqualTo("article.published,order.paid.buyer");
            assertThat(text(s, "select count(*) from app_user where id in (7, 9) and phone is not null")).isEqualTo("2");
            // image-sign/object-created.json: its object is a pending screenshot, and in the bucket at its size
            String key = "screenshots/5b0c4c1e-8f2a-4f7e-9d55-2f1f0a6e7c31.png";
            assertThat(text(s, "select status || ' ' || size_bytes from screenshot where object_key = '" + key + "'"))
                    .isEqualTo("PENDING 183204");
            assertThat(ScreenshotStorage.from(Environment.current()).head(key))
                    .get().extracting(ScreenshotStorage.StoredObject::sizeBytes).isEqualTo(183_204L);
        }
    }

    @Test
    void aDatabaseIsNamedInTheUrlAndItsParametersKept() {
        assertThat(ColdStartDatabases.withDatabase("jdbc:postgresql://localhost:55432/postgres?assumeMinServerVersion=16",
                "coldstart")).isEqualTo("jdbc:postgresql://localhost:55432/coldstart?assumeMinServerVersion=16");
        assertThat(ColdStartDatabases.withDatabase("jdbc:postgresql://db:5432/app", "x")).isEqualTo("jdbc:postgresql://db:5432/x");
        assertThatThrownBy(() -> ColdStartDatabases.withDatabase("jdbc:mysql://db/app", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theProbeSaysWhichPathAnAnswerTook() {
        assertThat(ColdStartProbe.answer("{\"statusCode\" : 403, \"body\" : \"{}\"}")).isEqualTo("403");
        assertThat(ColdStartProbe.answer("{\"batchItemFailures\":[{\"itemIdentifier\":\"a\"},{\"itemIdentifier\":\"b\"}]}"))
                .isEqualTo("2 failed");
        assertThat(ColdStartProbe.answer("{\"batchItemFailures\":[]}")).isEqualTo("0 failed");
        assertThat(ColdStartProbe.answer("{\"function\":\"f\",\"records\":1,\"marked\":1}")).isEqualTo("1 marked");
        assertThat(ColdStartProbe.answer("{\"tasks\":12}")).isEqualTo("ok");
    }

    @Test
    void theVerdictCountsTheGoalWithEachArchive() {
        List<ColdStartBenchmark.Ratios> rows = List.of(new ColdStartBenchmark.Ratios(0.45, 0.30),
                new ColdStartBenchmark.Ratios(0.55, 0.50), new ColdStartBenchmark.Ratios(0.60, 0.51));
        assertThat(ColdStartBenchmark.verdict(rows, true)).isEqualTo("goal ≤ 0.5 × with the archive this JDK makes "
                + "(the AOT cache): 2 of 3 functions; with AppCDS (the archive a JDK 21 makes): 1 of 3");
        assertThat(ColdStartBenchmark.verdict(rows, false))
                .isEqualTo("goal ≤ 0.5 × with the archive this JDK makes (AppCDS): 1 of 3 functions");
    }

    private static String text(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
