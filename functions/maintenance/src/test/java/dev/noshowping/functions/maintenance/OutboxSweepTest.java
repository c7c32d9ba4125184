package dev.noshowping.functions.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.noshowping.lambda.LocalContext;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.S3Extension;
import dev.noshowping.testkit.SqsExtension;
import java.sql.Connection;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * A crash between commit and publish loses nothing: the minute sweep sends what was left, once, and
 * runs whatever the other chores did.
 */
@ExtendWith({PostgresExtension.class, S3Extension.class, SqsExtension.class})
class OutboxSweepTest {

    @ParameterizedTest
    @Event(value = "events/maintenance/maintenance-schedule.json", type = ScheduledEvent.class)
    void theSweepPublishesLeftRowsOnce(ScheduledEvent event, DataSource ds) throws Exception {
        try (Connection c = ds.getConnection()) {
            // three rows committed by requests that died before publishing
            c.createStatement().executeUpdate("""
                    insert into outbox (topic, payload)
                    select 'article.published', jsonb_build_object('articleId', n) from generate_series(1, 3) n""");
        }
        var first = new MaintenanceHandler().handleRequest(event, LocalContext.of("MaintenanceFunction", 60));
        var second = new MaintenanceHandler().handleRequest(event, LocalContext.of("MaintenanceFunction", 60));

        assertThat(first).containsEntry("outboxPublished", 3);
        assertThat(second).containsEntry("outboxPublished", 0);
        Set<String> outboxIds = new HashSet<>();
        SqsExtension.drainNotifications().forEach(m -> outboxIds.add(m.messageAttributes().get("outboxId").stringValue()));
        assertThat(outboxIds).hasSize(3);
        try (Connection c = ds.getConnection(); var rs = c.createStatement().executeQuery(
                "select count(*) from outbox where published_at is null")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @ParameterizedTest
    @Event(value = "events/maintenance/maintenance-schedule.json", type = ScheduledEvent.class)
    void theSweepReportsHowLongTheOldestUnsentRowHasWaitedAsAMetric(ScheduledEvent event, DataSource ds) throws Exception {
        var logged = new java.io.ByteArrayOutputStream();
        try (Connection writer = ds.getConnection(); Connection holder = ds.getConnection()) {
            writer.createStatement().executeUpdate("""
                    insert into outbox (topic, payload, created_at)
                    values ('article.published', '{"articleId": 1}', now() - interval '5 minutes')""");
            // a publisher elsewhere holds the row: SKIP LOCKED leaves it, so it is still waiting after this sweep
            holder.setAutoCommit(false);
            holder.createStatement().executeQuery("select id from outbox for update").close();
            dev.noshowping.log.JsonLog.redirectTo(new java.io.PrintStream(logged, true, java.nio.charset.StandardCharsets.UTF_8));
            try {
                var summary = new MaintenanceHandler().handleRequest(event, LocalContext.of("MaintenanceFunction", 60));
                assertThat(summary).containsEntry("outboxPublished", 0);
                assertThat((Double) summary.get("outboxLagSeconds")).isBetween(299.0, 400.0);
            } finally {
                dev.noshowping.log.JsonLog.redirectTo(System.out);
                holder.rollback();
            }
        }
        var metric = logged.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("\"OutboxLagSeconds\"")).findFirst().orElseThrow();
        var json = dev.noshowping.json.Json.MAPPER.readTree(metric);
        assertThat(json.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo("Noshowping");
        assertThat(json.at("/_aws/CloudWatchMetrics/0/Metrics/0/Name").asText()).isEqualTo("OutboxLagSeconds");
        assertThat(json.get("OutboxLagSeconds").asDouble()).isBetween(299.0, 400.0);

        var drained = new MaintenanceHandler().handleRequest(event, LocalContext.of("MaintenanceFunction", 60));
        assertThat(drained).as("released, the row leaves and nothing waits").containsEntry("outboxPublished", 1)
                .containsEntry("outboxLagSeconds", 0.0);
    }

    @ParameterizedTest
    @Event(value = "events/maintenance/maintenance-schedule.json", type = ScheduledEvent.class)
    void choresThatFailOnABadRowStopNeitherTheOtherChoresNorTheSweepAndTheRunReportsTheFailure(ScheduledEvent event,
                                                                                              DataSource ds) throws Exception {
        long article = dev.noshowping.testkit.Marketplace.articleOnSale("seller-1", 100_000);
        try (Connection c = ds.getConnection(); var s = c.createStatement()) {
            // a virtual account whose due date is not a date: the overdue-deposit query trips on it
            s.executeUpdate("""
                    with buyer as (insert into app_user (external_subject) values ('buyer-1') returning id),
                    o as (insert into orders (origin_order_id, article_id, buyer_user_id, seller_user_id, amount, status,
                                              hold_expires_at, guest_name)
                          select 'ord_bad_due_1', a.id, buyer.id, m.user_id, a.sale_price, 'WAITING_FOR_DEPOSIT', now(), '김'
                          from article a join merchant m on m.id = a.merchant_id, buyer where a.id = %d returning id, amount)
                    insert into payment (order_id, payment_key, method, status, amount, virtual_account, idempotency_key)
                    select id, 'pk_bad_due', 'VIRTUAL_ACCOUNT', 'WAITING_FOR_DEPOSIT', amount,
                           '{"accountNumber": "X1", "dueDate": "next tuesday"}', 'confirm-ord_bad_due_1' from o""".formatted(article));
            // and the after-payment chores have something to do: an article whose stay has begun
            s.executeUpdate("update article set check_in = current_date - 1, check_out = current_date + 1 where id = " + article);
            long other = dev.noshowping.testkit.Marketplace.articleOnSale("seller-1", 90_000);
            s.executeUpdate("update article set check_in = current_date - 1, check_out = current_date + 1 where id = " + other);
            s.executeUpdate("insert into outbox (topic, payload) values ('article.published', '{\"articleId\": 1}')");
        }
        var handler = new MaintenanceHandler();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> handler.handleRequest(event, LocalContext.of("MaintenanceFunction", 60)))
                .hasMessageContaining("payments");
        try (Connection c = ds.getConnection(); var s = c.createStatement()) {
            var rs = s.executeQuery("select count(*) from outbox where published_at is null");
            rs.next();
            assertThat(rs.getInt(1)).as("the sweep ran all the same").isZero();
            rs = s.executeQuery("select status from article where id <> " + article + " order by id desc limit 1");
            rs.next();
            assertThat(rs.getString(1)).as("the after-payment chores ran all the same").isEqualTo("EXPIRED");
        }
    }
    @ParameterizedTest
    @Event(value = "events/maintenance/maintenance-schedule.json", type = ScheduledEvent.class)
    void withTooLittleTimeLeftNoOrderIsTakenUpButTheSweepStillRuns(ScheduledEvent event, DataSource ds) throws Exception {
        long article = dev.noshowping.testkit.Marketplace.articleOnSale("seller-1", 100_000);
        new dev.noshowping.order.HoldArticle(dev.noshowping.db.Database::dataSource, dev.noshowping.order.HoldLimits.DEFAULT,
                dev.noshowping.order.OrderPolicy.DEFAULT, java.time.Clock.systemUTC())
                .hold(new dev.noshowping.identity.Caller("buyer-1", dev.noshowping.identity.Role.USER),
                        new dev.noshowping.order.NewOrder(article, "김민수", null));
        try (Connection c = ds.getConnection(); var s = c.createStatement()) {
            s.executeUpdate("update orders set hold_expires_at = now() - interval '1 second'");
            s.executeUpdate("insert into outbox (topic, payload) values ('article.published', '{\"articleId\": 1}')");
        }
        // 12 s left, and the chores leave the last 15 s to the sweep: the expired hold waits for the next run
        var cut = new MaintenanceHandler().handleRequest(event, LocalContext.of("MaintenanceFunction", 12));
        assertThat(cut).containsEntry("holdsExpired", 0);
        assertThat(dev.noshowping.testkit.Rows.text(ds, "select status from orders")).isEqualTo("PENDING");
        assertThat(dev.noshowping.testkit.Rows.number(ds, "select count(*) from outbox where published_at is null"))
                .as("the sweep ran all the same").isZero();

        var next = new MaintenanceHandler().handleRequest(event, LocalContext.of("MaintenanceFunction", 60));
        assertThat(next).containsEntry("holdsExpired", 1);
    }
}
