package dev.noshowping.outbox;

import com.fasterxml.jackson.databind.util.RawValue;
import dev.noshowping.aws.AwsClients;
import dev.noshowping.config.PerEnvironment;
import dev.noshowping.db.Transaction;
import dev.noshowping.json.Json;
import dev.noshowping.log.JsonLog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Moves committed outbox rows to the notifications queue, for the {@link OutboxRelay} (within a
 * second of the commit) and the maintenance sweep (whatever the relay missed). Rows are claimed
 * with {@code FOR UPDATE SKIP LOCKED}, so two publishers never send the same row at once.
 * Publishing is at least once (a crash between the send and the commit sends again); the
 * consumer's dedupe on the outbox id makes the effect exactly once.
 */
public final class OutboxPublisher {

    private static final PerEnvironment<OutboxPublisher> CURRENT = PerEnvironment.of(env ->
            env.optional("NOTIFICATIONS_QUEUE_URL").map(url -> new OutboxPublisher(
                    dev.noshowping.db.Database::dataSource, AwsClients::sqs, url)).orElse(null));

    private final Supplier<DataSource> dataSource;
    private final Supplier<SqsClient> sqs;
    private final String queueUrl;

    public OutboxPublisher(Supplier<DataSource> dataSource, Supplier<SqsClient> sqs, String queueUrl) {
        this.dataSource = dataSource;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** The execution environment's publisher, or empty where no queue is configured. */
    public static Optional<OutboxPublisher> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** How long the oldest row not yet sent has waited since its commit; zero when none waits. */
    public java.time.Duration lag() {
        return Transaction.read(dataSource.get(), c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "select coalesce(extract(epoch from now() - min(created_at)), 0) from outbox where published_at is null");
                 var rs = s.executeQuery()) {
                rs.next();
                return java.time.Duration.ofMillis(Math.round(rs.getDouble(1) * 1000));
            }
        });
    }

    /** Publishes up to {@code max} unpublished rows, oldest first; returns how many went out. */
    public int publish(int max) {
        return Transaction.run(dataSource.get(), c -> {
            List<UUID> ids = new ArrayList<>();
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    select id, topic, payload::text as payload from outbox where published_at is null
                    order by created_at limit ? for update skip locked""")) {
                s.setInt(1, max);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        UUID id = rs.getObject("id", UUID.class);
                        ids.add(id);
                        entries.add(entry(entries.size(), id, rs.getString("topic"), rs.getString("payload")));
                    }
                }
            }
            List<UUID> sent = new ArrayList<>();
            try {
                for (int from = 0; from < entries.size(); from += 10) {
                    var batch = entries.subList(from, Math.min(entries.size(), from + 10));
                    var result = sqs.get().sendMessageBatch(r -> r.queueUrl(queueUrl).entries(batch));
                    // entry ids are the rows' positions in this claim
                    result.successful().forEach(ok -> sent.add(ids.get(Integer.parseInt(ok.id()))));
                }
            } catch (SdkException e) {
                // the queue is unreachable: what was sent is marked, the rest waits for the next poll
                JsonLog.warn("outbox publish interrupted", Map.of("error", e.toString(), "sent", sent.size(),
                        "pending", ids.size() - sent.size()));
            }
            if (!sent.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement(
                        "update outbox set published_at = now(), attempts = attempts + 1 where id = any(?)")) {
                    s.setArray(1, c.createArrayOf("uuid", sent.toArray()));
                    s.executeUpdate();
                }
            }
            return sent.size();
        });
    }

    private static SendMessageBatchRequestEntry entry(int index, UUID id, String topic, String payloadJson) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outboxId", id.toString());
        body.put("topic", topic);
        // already JSON (what Outbox.add wrote, or jsonb's text): written as it is, not parsed again
        body.put("payload", new RawValue(payloadJson));
        return SendMessageBatchRequestEntry.builder()
                .id(Integer.toString(index))
                .messageBody(Json.write(body))
                .messageAttributes(Map.of("outboxId", MessageAttributeValue.builder()
                        .dataType("String").stringValue(id.toString()).build()))
                .build();
    }
}
