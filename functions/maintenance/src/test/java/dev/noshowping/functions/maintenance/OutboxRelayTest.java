package dev.noshowping.functions.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.noshowping.db.Transaction;
import dev.noshowping.lambda.LocalContext;
import dev.noshowping.outbox.Outbox;
import dev.noshowping.outbox.OutboxPublisher;
import dev.noshowping.outbox.OutboxRelay;
import dev.noshowping.testkit.FreePort;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.SqsExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The relay sends committed outbox rows while it runs, on its own: no request publishes. Real
 * parts: embedded PostgreSQL, ElasticMQ.
 */
@ExtendWith({PostgresExtension.class, SqsExtension.class})
class OutboxRelayTest {

    private static OutboxPublisher publisher(DataSource ds) {
        return new OutboxPublisher(() -> ds, SqsExtension::client, SqsExtension.notificationsUrl());
    }

    @Test
    void aRowCommittedWhileTheRelayRunsLeavesAndARolledBackOneNever(DataSource ds) throws Exception {
        OutboxRelay relay = new OutboxRelay(publisher(ds), Duration.ofMillis(20));
        CompletableFuture<OutboxRelay.Run> run = CompletableFuture.supplyAsync(() -> relay.run(Duration.ofSeconds(3)));

        UUID committed = Transaction.run(ds, c -> Outbox.add(c, "order.paid.buyer", Map.of("orderId", "ord_ok")));
        assertThatThrownBy(() -> Transaction.run(ds, c -> {
            Outbox.add(c, "order.paid.buyer", Map.of("orderId", "ord_rolled_back"));
            throw new IllegalStateException("the use case failed after writing its outbox row");
        })).isInstanceOf(IllegalStateException.class);

        // waits for the message itself (long poll), not for an amount of time
        var received = SqsExtension.client().receiveMessage(r -> r.queueUrl(SqsExtension.notificationsUrl())
                .waitTimeSeconds(10).maxNumberOfMessages(10).messageAttributeNames("All")).messages();
        assertThat(received).singleElement().satisfies(m -> {
            assertThat(m.messageAttributes().get("outboxId").stringValue()).isEqualTo(committed.toString());
            assertThat(m.body()).contains("ord_ok").contains("\"topic\":\"order.paid.buyer\"");
        });

        OutboxRelay.Run done = run.get(30, TimeUnit.SECONDS);
        assertThat(done.published()).isEqualTo(1);
        assertThat(done.polls()).as("it kept asking after the row went out").isGreaterThan(1);
        assertThat(done.failedPolls()).isZero();
        assertThat(unpublished(ds)).isZero();
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery("select count(*) from outbox")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the rolled-back row never existed").isEqualTo(1);
        }
        assertThat(SqsExtension.drainNotifications()).as("sent once").isEmpty();
    }

    @Test
    void aBacklogIsDrainedClaimAfterClaimWithoutWaitingForThePollInterval(DataSource ds) throws Exception {
        insertRows(ds, 250);
        // an interval far longer than the run: any wait between full claims would leave rows behind
        OutboxRelay.Run run = new OutboxRelay(publisher(ds), Duration.ofHours(1)).run(Duration.ofSeconds(3));

        assertThat(run.published()).isEqualTo(250);
        assertThat(run.polls()).as("claims of 100, 100 and 50, then the last look at the deadline").isEqualTo(4);
        assertThat(unpublished(ds)).isZero();
        Set<String> ids = new HashSet<>();
        for (Message m : SqsExtension.drainNotifications()) {
            ids.add(m.messageAttributes().get("outboxId").stringValue());
        }
        assertThat(ids).hasSize(250);
    }

    @Test
    void whenTheQueueIsUnreachableTheRowWaitsAndALaterRunSendsIt(DataSource ds) throws Exception {
        insertRows(ds, 1);
        SqsClient nowhere = SqsExtension.clientAt("http://127.0.0.1:" + FreePort.find());
        try (nowhere) {
            OutboxRelay.Run failed = new OutboxRelay(new OutboxPublisher(() -> ds, () -> nowhere,
                    SqsExtension.notificationsUrl()), Duration.ofMillis(50)).run(Duration.ZERO);
            assertThat(failed.published()).isZero();
        }
        assertThat(unpublished(ds)).as("kept, not lost").isEqualTo(1);

        assertThat(new OutboxRelay(publisher(ds), Duration.ofMillis(50)).run(Duration.ZERO).published()).isEqualTo(1);
        assertThat(SqsExtension.drainNotifications()).hasSize(1);
    }

    @Test
    void whenTheDatabaseIsUnreachableEveryPollFailsAndTheRunStillEndsNormally() {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setURL("jdbc:postgresql://127.0.0.1:" + FreePort.find() + "/postgres");
        nowhere.setConnectTimeout(2);
        // the first refusal loads the driver's error path, tenths of a second on a busy machine: taken
        // before the run, so that its 300 ms hold several polls
        assertThatThrownBy(nowhere::getConnection).isInstanceOf(java.sql.SQLException.class);

        OutboxRelay.Run run = new OutboxRelay(new OutboxPublisher(() -> nowhere, SqsExtension::client,
                SqsExtension.notificationsUrl()), Duration.ofMillis(50)).run(Duration.ofMillis(300));

        assertThat(run.polls()).isGreaterThan(1);
        assertThat(run.failedPolls()).isEqualTo(run.polls());
        assertThat(run.published()).isZero();
    }

    @Test
    void theScheduledFunctionRelaysForItsInvocationAndReportsWhatItSent(DataSource ds) throws Exception {
        insertRows(ds, 2);
        // a timeout equal to the margin kept back: one poll, then the run ends
        int timeout = (int) OutboxRelayHandler.STOP_BEFORE_TIMEOUT.toSeconds();
        Map<String, Object> summary = new OutboxRelayHandler().handleRequest(new ScheduledEvent(),
                LocalContext.of("OutboxRelayFunction", timeout));

        assertThat(summary).containsEntry("outboxPublished", 2).containsEntry("failedPolls", 0);
        assertThat(unpublished(ds)).isZero();
        assertThat(SqsExtension.drainNotifications()).hasSize(2);
    }

    private static void insertRows(DataSource ds, int n) throws Exception {
        try (Connection c = ds.getConnection(); var s = c.prepareStatement("""
                insert into outbox (topic, payload)
                select 'article.published', jsonb_build_object('articleId', n) from generate_series(1, ?) n""")) {
            s.setInt(1, n);
            s.executeUpdate();
        }
    }

    private static int unpublished(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "select count(*) from outbox where published_at is null")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
