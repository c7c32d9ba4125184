package dev.noshowping.functions.alimtalk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.noshowping.json.Json;
import dev.noshowping.lambda.LocalContext;
import dev.noshowping.log.JsonLog;
import dev.noshowping.outbox.OutboxPublisher;
import dev.noshowping.testkit.Marketplace;
import dev.noshowping.testkit.NotifyExtension;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.Rows;
import dev.noshowping.testkit.S3Extension;
import dev.noshowping.testkit.SqsExtension;
import dev.noshowping.testkit.notify.DiscordEmulator;
import dev.noshowping.testkit.notify.NotificationChannels;
import dev.noshowping.testkit.notify.ReceivedMessage;
import dev.noshowping.testkit.notify.SolapiEmulator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;

/**
 * The notification consumer over real parts: outbox rows in embedded Postgres, published to
 * ElasticMQ, consumed as Lambda's SQS event source hands them over, sent to the SOLAPI and Discord
 * emulators on real sockets.
 */
@ExtendWith({PostgresExtension.class, S3Extension.class, SqsExtension.class, NotifyExtension.class})
class NotificationConsumerTest {

    private static final String SELLER_PHONE = "01055551234";   // what Marketplace registers, +821055551234

    private static SQSBatchResponse consume(SQSEvent event) {
        return new NotificationConsumer().handleRequest(event, LocalContext.of("AlimtalkFunction", 30));
    }

    /** Publishes what the outbox holds and receives it from the queue. */
    private static SQSEvent publishAndReceive() {
        OutboxPublisher.current().orElseThrow().publish(100);
        return SqsExtension.receiveNotificationsEvent();
    }

    private static List<String> failedIds(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    private static long user(DataSource ds, String phone) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into app_user (external_subject, phone) values (?, ?) returning id")) {
            s.setString(1, "user-" + UUID.randomUUID());
            s.setString(2, phone);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** An outbox row as a use case would have committed it (then crashed before publishing). */
    private static UUID outbox(DataSource ds, String topic, Map<String, ?> payload) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into outbox (topic, payload) values (?, ?::jsonb) returning id")) {
            s.setString(1, topic);
            s.setString(2, Json.write(payload));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    private static Map<String, Object> paidBuyer(long userId, String method) {
        return Map.of("orderId", "ord_" + UUID.randomUUID().toString().substring(0, 8), "orderDbId", 1, "articleId", 7,
                "articleTitle", "제주 한라호텔 1박", "amount", 180_000, "recipientUserId", userId, "method", method);
    }

    private static List<Map<String, Object>> notifications(DataSource ds) throws Exception {
        return Rows.of(ds, """
                select channel, template, recipient, status, provider_message_id as provider, error, attempts
                from notification order by id""");
    }

    @Test
    void aNewArticleTellsItsSellerByAlimtalkAndOperationsOnDiscord(DataSource ds, SolapiEmulator solapi,
                                                                  DiscordEmulator discord) throws Exception {
        long articleId = Marketplace.articleOnSale("seller-kim", 120_000);

        SQSBatchResponse response = consume(publishAndReceive());

        assertThat(response.getBatchItemFailures()).isEmpty();
        ReceivedMessage sent = solapi.messages().getFirst();
        assertThat(solapi.messages()).hasSize(1);
        assertThat(sent.to()).isEqualTo(SELLER_PHONE);
        assertThat(sent.type()).isEqualTo("ATA");
        assertThat(sent.pfId()).isEqualTo(NotificationChannels.PF_ID);
        assertThat(sent.templateId()).isEqualTo("NSP_ARTICLE_PUBLISHED");
        assertThat(sent.variables()).containsEntry("#{merchantName}", "seller-kim 숙소")
                .containsEntry("#{salePrice}", "120,000").containsEntry("#{articleId}", Long.toString(articleId));
        assertThat(sent.buttons().toString()).contains("/articles/" + articleId);
        assertThat(discord.messages()).singleElement().satisfies(m -> {
            assertThat(m.content()).contains("seller-kim 숙소").contains("#" + articleId).contains("120,000원");
            assertThat(m.mentionsSuppressed()).isTrue();
        });
        assertThat(notifications(ds)).extracting(r -> r.get("channel") + " " + r.get("status") + " " + r.get("recipient"))
                .containsExactlyInAnyOrder("ALIMTALK SENT +821055551234", "DISCORD SENT ops");
        assertThat(notifications(ds)).filteredOn(r -> r.get("channel").equals("ALIMTALK"))
                .extracting(r -> r.get("provider")).containsExactly(sent.messageId());
    }

    @Test
    void eachMessageLeavesItsDeliveriesAsMetrics() throws Exception {
        Marketplace.articleOnSale("seller-park", 110_000);
        SQSEvent event = publishAndReceive();
        var logged = new java.io.ByteArrayOutputStream();
        dev.noshowping.log.JsonLog.redirectTo(new java.io.PrintStream(logged, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(consume(event).getBatchItemFailures()).isEmpty();
        } finally {
            dev.noshowping.log.JsonLog.redirectTo(System.out);
        }
        var line = Json.MAPPER.readTree(logged.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("\"NotificationsSent\"")).findFirst().orElseThrow());
        assertThat(line.get("NotificationsSent").asInt()).as("the seller's alimtalk and the ops channel's line").isEqualTo(2);
        assertThat(line.get("NotificationsFailed").asInt()).isZero();
        assertThat(line.at("/_aws/CloudWatchMetrics/0/Metrics").findValuesAsText("Name"))
                .contains("NotificationsSent", "NotificationsFailed", "NotificationsRetried");
    }

    @Test
    void aMessageDeliveredThreeTimesIsSentOnce(DataSource ds, SolapiEmulator solapi, DiscordEmulator discord) throws Exception {
        Marketplace.articleOnSale("seller-lee", 90_000);
        SQSEvent event = publishAndReceive();
        assertThat(event.getRecords()).hasSize(1);

        // SQS is at least once: the same message reaches three consumers at the same moment, then a late fourth
        var ready = new java.util.concurrent.CyclicBarrier(3);
        Callable<SQSBatchResponse> consumer = () -> {
            ready.await();
            return consume(event);
        };
        try (var pool = Executors.newFixedThreadPool(3)) {
            for (var f : pool.invokeAll(List.of(consumer, consumer, consumer))) {
                assertThat(f.get().getBatchItemFailures()).isEmpty();
            }
        }
        assertThat(consume(event).getBatchItemFailures()).isEmpty();

        assertThat(solapi.messages()).hasSize(1);
        assertThat(discord.messages()).hasSize(1);
        assertThat(notifications(ds)).hasSize(2).allSatisfy(r -> assertThat(r).containsEntry("status", "SENT")
                .containsEntry("attempts", 1));
    }

    @Test
    void aRowLeftUnpublishedByACrashIsPublishedByTheSweepAndSentOnce(DataSource ds, SolapiEmulator solapi) throws Exception {
        long buyer = user(ds, "+821098765432");
        outbox(ds, "order.paid.buyer", paidBuyer(buyer, "CARD"));   // committed; the request died before publishing

        OutboxPublisher sweep = OutboxPublisher.current().orElseThrow();
        assertThat(sweep.publish(50)).isEqualTo(1);
        assertThat(sweep.publish(50)).isZero();
        SQSEvent event = SqsExtension.receiveNotificationsEvent();
        consume(event);
        consume(event);

        assertThat(solapi.messages()).singleElement().satisfies(m -> {
            assertThat(m.to()).isEqualTo("01098765432");
            assertThat(m.templateId()).isEqualTo("NSP_ORDER_PAID_BUYER");
        });
    }

    @Test
    void aSolapiServerErrorFailsOnlyThatMessageAndTheRedeliverySendsIt(DataSource ds, SolapiEmulator solapi,
                                                                     DiscordEmulator discord) throws Exception {
        long buyer = user(ds, "+821098765432");
        outbox(ds, "order.paid.buyer", paidBuyer(buyer, "CARD"));
        outbox(ds, "payment.orphaned", Map.of("orderId", "ord_x", "paymentKey", "pk_1", "amount", 5000, "orderStatus", "EXPIRED"));
        SQSEvent event = publishAndReceive();
        String alimtalkMessage = event.getRecords().stream().filter(r -> r.getBody().contains("order.paid.buyer"))
                .findFirst().orElseThrow().getMessageId();
        solapi.inject(SolapiEmulator.Fault.SERVER_ERROR, 1);

        assertThat(failedIds(consume(event))).containsExactly(alimtalkMessage);
        assertThat(solapi.messages()).isEmpty();
        assertThat(discord.messages()).hasSize(1);
        assertThat(notifications(ds)).filteredOn(r -> r.get("channel").equals("ALIMTALK")).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("status", "PENDING").containsEntry("attempts", 1)
                        .extractingByKey("error").asString().contains("500"));

        // the redelivery (the whole batch again, as a worst case): the sent Discord post is not repeated
        assertThat(consume(event).getBatchItemFailures()).isEmpty();
        assertThat(solapi.messages()).hasSize(1);
        assertThat(discord.messages()).hasSize(1);
        assertThat(solapi.requests()).isEqualTo(2);
        assertThat(notifications(ds)).filteredOn(r -> r.get("channel").equals("ALIMTALK")).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("status", "SENT").containsEntry("attempts", 2));
    }

    @Test
    void aSolapiTimeoutIsRetriedNotLost(DataSource ds, SolapiEmulator solapi) throws Exception {
        outbox(ds, "order.paid.buyer", paidBuyer(user(ds, "+821098765432"), "CARD"));
        SQSEvent event = publishAndReceive();
        solapi.inject(SolapiEmulator.Fault.TIMEOUT, 1);

        assertThat(consume(event).getBatchItemFailures()).hasSize(1);
        assertThat(consume(event).getBatchItemFailures()).isEmpty();
        assertThat(solapi.messages()).hasSize(1);
    }

    @Test
    void messagesSolapiRefusesInsideA200AreRecordedAndNotRetried(DataSource ds, SolapiEmulator solapi) throws Exception {
        outbox(ds, "order.paid.buyer", paidBuyer(user(ds, "+821098765432"), "CARD"));
        SQSEvent event = publishAndReceive();
        solapi.inject(SolapiEmulator.Fault.PARTIAL_FAILURE, 1);

        assertThat(consume(event).getBatchItemFailures()).isEmpty();
        assertThat(consume(event).getBatchItemFailures()).isEmpty();

        assertThat(solapi.messages()).isEmpty();
        assertThat(solapi.requests()).isEqualTo(1);
        assertThat(notifications(ds)).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("status", "FAILED").extractingByKey("error").asString().contains("3059"));
    }

    @Test
    void numbersAlimtalkCannotReachAreRecordedWithoutASend(DataSource ds, SolapiEmulator solapi) throws Exception {
        long abroad = user(ds, "+12025550123");
        long noPhone = user(ds, null);
        outbox(ds, "order.paid.buyer", paidBuyer(abroad, "CARD"));
        outbox(ds, "order.paid.buyer", paidBuyer(noPhone, "CARD"));

        assertThat(consume(publishAndReceive()).getBatchItemFailures()).isEmpty();

        assertThat(solapi.requests()).isZero();
        assertThat(notifications(ds)).extracting(r -> r.get("status") + " " + r.get("recipient"))
                .containsExactlyInAnyOrder("FAILED +12025550123", "SKIPPED user:" + noPhone);
    }

    @Test
    void aNumberQuotedInAnErrorIsMaskedInTheStoredErrorAndInTheLog(DataSource ds) throws Exception {
        outbox(ds, "order.paid.buyer", paidBuyer(user(ds, "+12025550123"), "CARD"));
        var log = new java.io.ByteArrayOutputStream();
        JsonLog.redirectTo(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(consume(publishAndReceive()).getBatchItemFailures()).isEmpty();
        } finally {
            JsonLog.redirectTo(System.out);
        }

        assertThat(notifications(ds)).singleElement().extracting(r -> r.get("error")).asString()
                .contains("+12*****0123").doesNotContain("2025550123");
        assertThat(log.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("+12*****0123").doesNotContain("2025550123");
    }

    @Test
    void aDiscord429IsWaitedOutThenPosted(DataSource ds, DiscordEmulator discord) throws Exception {
        outbox(ds, "payment.orphaned", Map.of("orderId", "ord_y", "paymentKey", "pk_2", "amount", 7000, "orderStatus", "CANCELED"));
        SQSEvent event = publishAndReceive();
        discord.inject(DiscordEmulator.Fault.RATE_LIMITED, 1);

        long start = System.nanoTime();
        assertThat(consume(event).getBatchItemFailures()).isEmpty();
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(discord.requests()).isEqualTo(2);
        assertThat(discord.messages()).singleElement().satisfies(m -> assertThat(m.content()).contains("pk_2"));
        // the retry went out no sooner than Discord's retry_after
        assertThat(waitedMillis).isGreaterThanOrEqualTo((long) (DiscordEmulator.RETRY_AFTER_SECONDS * 1000));
    }

    @Test
    void aDeletedDiscordWebhookTurnsDiscordOffWithoutFailingMessages(DataSource ds, DiscordEmulator discord) throws Exception {
        outbox(ds, "payment.orphaned", Map.of("orderId", "ord_1", "paymentKey", "pk_1", "amount", 1000, "orderStatus", "FAILED"));
        outbox(ds, "payment.orphaned", Map.of("orderId", "ord_2", "paymentKey", "pk_2", "amount", 2000, "orderStatus", "FAILED"));
        SQSEvent event = publishAndReceive();
        discord.delete();

        assertThat(consume(event).getBatchItemFailures()).isEmpty();

        assertThat(discord.requests()).isEqualTo(1);   // the second post never left
        assertThat(notifications(ds)).extracting(r -> r.get("status")).containsExactlyInAnyOrder("FAILED", "SKIPPED");
        assertThat(notifications(ds)).extracting(r -> String.valueOf(r.get("error")))
                .anySatisfy(e -> assertThat(e).contains("404"))
                .anySatisfy(e -> assertThat(e).contains("disabled"));
    }

    @Test
    void malformedMessagesFailAloneAndTheirBatchMatesAreSent(DataSource ds, SolapiEmulator solapi) throws Exception {
        outbox(ds, "order.paid.buyer", paidBuyer(user(ds, "+821098765432"), "CARD"));
        SQSEvent event = publishAndReceive();
        List<SQSEvent.SQSMessage> records = new ArrayList<>(event.getRecords());
        records.add(record("not-json", "{oops"));
        records.add(record("unknown-topic", Json.write(Map.of("outboxId", UUID.randomUUID().toString(),
                "topic", "order.teleported", "payload", Map.of()))));
        records.add(record("missing-field", Json.write(Map.of("outboxId", UUID.randomUUID().toString(),
                "topic", "order.paid.buyer", "payload", Map.of("orderId", "ord_1")))));
        records.add(record("foreign-outbox", Json.write(Map.of("outboxId", UUID.randomUUID().toString(),
                "topic", "order.paid.buyer", "payload", paidBuyer(user(ds, "+821011112222"), "CARD")))));
        event.setRecords(records);

        assertThat(failedIds(consume(event)))
                .containsExactlyInAnyOrder("not-json", "unknown-topic", "missing-field", "foreign-outbox");
        assertThat(solapi.messages()).singleElement().satisfies(m -> assertThat(m.to()).isEqualTo("01098765432"));
        assertThat(notifications(ds)).hasSize(1);
    }

    @Test
    void aPoisonMessageEndsInTheDeadLetterQueue(DataSource ds, SolapiEmulator solapi) throws Exception {
        var sqs = SqsExtension.client();
        String dlq = sqs.createQueue(r -> r.queueName(SqsExtension.queueName("poison-dlq-" + UUID.randomUUID()))).queueUrl();
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlq).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings().get("QueueArn");
        String queue = sqs.createQueue(r -> r.queueName(SqsExtension.queueName("poison-" + UUID.randomUUID())).attributesWithStrings(Map.of(
                "RedrivePolicy", Json.write(Map.of("deadLetterTargetArn", dlqArn, "maxReceiveCount", "2"))))).queueUrl();
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody("{\"outboxId\": 42}"));

        for (int receive = 1; receive <= 2; receive++) {
            SQSEvent event = SqsExtension.receiveEvent(queue);
            assertThat(event.getRecords()).as("receive %d", receive).hasSize(1);
            assertThat(failedIds(consume(event))).hasSize(1);
            // what Lambda does with a failed record: leave it; here its visibility ends at once instead of after the timeout
            sqs.changeMessageVisibility(r -> r.queueUrl(queue)
                    .receiptHandle(event.getRecords().getFirst().getReceiptHandle()).visibilityTimeout(0));
        }

        assertThat(SqsExtension.receiveEvent(queue).getRecords()).isEmpty();
        assertThat(SqsExtension.receiveEvent(dlq).getRecords()).singleElement()
                .satisfies(m -> assertThat(m.getBody()).isEqualTo("{\"outboxId\": 42}"));
    }

    @ParameterizedTest
    @Event(value = "events/alimtalk/notifications-batch.json", type = SQSEvent.class)
    void theSampleEventIsWellFormedButNotFromThisDatabase(SQSEvent event, SolapiEmulator solapi) {
        event.getRecords().forEach(r -> assertThat(dev.noshowping.notify.NotificationPlan.of(
                dev.noshowping.notify.OutboxMessage.parse(r.getBody()))).isNotEmpty());

        assertThat(failedIds(consume(event))).containsExactlyElementsOf(
                event.getRecords().stream().map(SQSEvent.SQSMessage::getMessageId).toList());
        assertThat(solapi.requests()).isZero();
    }

    private static SQSEvent.SQSMessage record(String id, String body) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setBody(body);
        m.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        return m;
    }

    /** The priming before a snapshot decodes a sample of a notification: it must stay one the consumer reads. */
    @Test
    void thePrimingSampleIsAMessageTheConsumerReads() {
        assertThatCode(() -> new NotificationConsumer().primeDecoding()).doesNotThrowAnyException();
    }
}
