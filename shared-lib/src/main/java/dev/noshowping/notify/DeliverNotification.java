package dev.noshowping.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.db.DatabaseException;
import dev.noshowping.db.Transaction;
import dev.noshowping.log.JsonLog;
import dev.noshowping.log.Metrics;
import dev.noshowping.watch.WatchEvent;
import dev.noshowping.watch.WatchRepository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Delivers one outbox message: each of its {@link Delivery}s is claimed in its own transaction
 * (the unique notification row), sent while the row is locked, and its outcome recorded before the
 * commit. A message delivered again finds its rows finished and sends nothing; a channel that failed
 * for now stays PENDING and is sent on redelivery while the others are not repeated.
 *
 * <p>Exactly once holds on our side; at the providers it is at least once in one case only: a crash
 * or timeout after SOLAPI/Discord took the message and before our commit sends it again.
 */
public final class DeliverNotification {

    /** Some delivery must be tried again later; {@code after} is the longest provider hint, if any. */
    public static final class RetryLater extends RuntimeException {
        private final transient Optional<Duration> after;

        RetryLater(String message, Duration after) {
            super(message, null, false, false);
            this.after = Optional.ofNullable(after);
        }

        public Optional<Duration> after() {
            return after;
        }
    }

    private final Supplier<DataSource> dataSource;
    private final Supplier<SolapiClient> solapi;
    private final Supplier<DiscordClient> discord;

    public DeliverNotification(Supplier<DataSource> dataSource, Supplier<SolapiClient> solapi, Supplier<DiscordClient> discord) {
        this.dataSource = dataSource;
        this.solapi = solapi;
        this.discord = discord;
    }

    /** Throws {@link MalformedMessage} for a message no retry can help, {@link RetryLater} when some channel must retry. */
    public List<SendOutcome> deliver(OutboxMessage message) {
        Optional<WatchEvent> watchEvent = WatchEvent.ofTopic(message.topic());
        if (watchEvent.isPresent()) {
            fanOut(message, watchEvent.get());
            return List.of();
        }
        List<Delivery> deliveries = NotificationPlan.of(message);
        List<SendOutcome> outcomes = new ArrayList<>();
        List<String> retries = new ArrayList<>();
        Duration after = null;
        for (Delivery d : deliveries) {
            SendOutcome outcome = deliverOne(message, d);
            outcomes.add(outcome);
            if (outcome instanceof SendOutcome.Retry retry) {
                retries.add(d.channel() + ": " + retry.error());
                if (retry.after() != null && (after == null || retry.after().compareTo(after) > 0)) {
                    after = retry.after();
                }
            }
        }
        Metrics.emit(Map.of(
                "NotificationsSent", Metrics.Figure.count(count(outcomes, SendOutcome.Sent.class)),
                "NotificationsFailed", Metrics.Figure.count(count(outcomes, SendOutcome.Rejected.class)),
                "NotificationsRetried", Metrics.Figure.count(retries.size())));
        if (!retries.isEmpty()) {
            throw new RetryLater(String.join("; ", retries), after);
        }
        return outcomes;
    }

    private static long count(List<SendOutcome> outcomes, Class<? extends SendOutcome> kind) {
        return outcomes.stream().filter(kind::isInstance).count();
    }

    /**
     * An article's watch event sends nothing itself: it becomes one outbox row per watcher, each
     * then delivered as any message ({@link WatchRepository#fanOut}, deduplicated per event and watcher).
     */
    private void fanOut(OutboxMessage message, WatchEvent event) {
        JsonNode causedBy = message.payload().path("causedByUserId");
        int told = ofOurOutbox(message, () -> Transaction.run(dataSource.get(), c -> WatchRepository.fanOut(c,
                message.outboxId(), event, message.number("articleId"), message.number("sellerUserId"),
                causedBy.canConvertToExactIntegral() ? causedBy.asLong() : null, message.payload().toString())));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("outboxId", message.outboxId().toString());
        fields.put("topic", message.topic());
        fields.put("watchersTold", told);
        JsonLog.info("watch event fanned out", fields);
    }

    private SendOutcome deliverOne(OutboxMessage message, Delivery delivery) {
        return ofOurOutbox(message, () -> send(message, delivery));
    }

    /** {@code work} on rows referencing the message's outbox row: a message of another database is malformed. */
    private static <T> T ofOurOutbox(OutboxMessage message, Supplier<T> work) {
        try {
            return work.get();
        } catch (DatabaseException e) {
            if ("23503".equals(e.sqlState())) {   // foreign_key_violation: not an outbox message of this database
                throw new MalformedMessage("no outbox row " + message.outboxId());
            }
            throw e;
        }
    }

    private SendOutcome send(OutboxMessage message, Delivery delivery) {
        return Transaction.run(dataSource.get(), c -> {
            String template;
            String recipient;
            Optional<String> phone = Optional.empty();
            switch (delivery) {
                case Delivery.ToUser u -> {
                    template = u.message().template().name();
                    phone = NotificationRepository.phone(c, u.userId());
                    recipient = phone.orElse("user:" + u.userId());
                }
                case Delivery.ToOps o -> {
                    template = o.kind();
                    recipient = "ops";
                }
            }
            var claim = NotificationRepository.claim(c, message.outboxId(), delivery.channel(), template, recipient);
            if (claim.finished()) {
                return new SendOutcome.Skipped("already " + claim.status());
            }
            SendOutcome outcome = switch (delivery) {
                case Delivery.ToUser u -> phone.isEmpty()
                        ? new SendOutcome.Skipped("user " + u.userId() + " has no phone number")
                        : solapi.get().send(phone.get(), u.message());
                case Delivery.ToOps o -> discord.get().post(o.content());
            };
            NotificationRepository.record(c, claim.id(), outcome);
            log(message, delivery, template, outcome);
            return outcome;
        });
    }

    private static void log(OutboxMessage message, Delivery delivery, String template, SendOutcome outcome) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("outboxId", message.outboxId().toString());
        fields.put("topic", message.topic());
        fields.put("channel", delivery.channel().name());
        fields.put("template", template);
        fields.put("outcome", outcome.getClass().getSimpleName());
        switch (outcome) {
            case SendOutcome.Sent s -> fields.put("providerId", s.providerId());
            case SendOutcome.Rejected r -> fields.put("error", r.error());
            case SendOutcome.Skipped s -> fields.put("reason", s.reason());
            case SendOutcome.Retry r -> fields.put("error", r.error());
        }
        if (outcome instanceof SendOutcome.Rejected) {
            JsonLog.warn("notification refused", fields);
        } else {
            JsonLog.info("notification", fields);
        }
    }
}
