package dev.noshowping.functions.alimtalk;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.noshowping.aws.Secrets;
import dev.noshowping.config.Environment;
import dev.noshowping.db.Database;
import dev.noshowping.lambda.Lazy;
import dev.noshowping.lambda.SqsBatchFunction;
import dev.noshowping.notify.DeliverNotification;
import dev.noshowping.notify.DiscordClient;
import dev.noshowping.notify.OutboxMessage;
import dev.noshowping.notify.SolapiClient;
import dev.noshowping.savedsearch.MatchSavedSearches;

/**
 * Consumes the {@code notifications} queue: Kakao alimtalk via SOLAPI, the Discord ops webhook;
 * and matches saved searches against what a message says is new (an article on sale, a crawl run's
 * listings) before delivering it, so a redelivery matches again and records nothing twice.
 * A malformed message fails alone and reaches the DLQ after the queue's receive count; a transient
 * provider failure fails alone and comes back after a backoff.
 */
public final class NotificationConsumer extends SqsBatchFunction {

    /** A message as OutboxPublisher writes it: decoded by the priming, never delivered. */
    private static final String PRIMING_SAMPLE = "{\"outboxId\":\"00000000-0000-0000-0000-000000000000\","
            + "\"topic\":\"article.published\",\"payload\":{\"articleId\":1}}";

    private final DeliverNotification deliver;
    private final MatchSavedSearches matches = new MatchSavedSearches(Database::dataSource);

    public NotificationConsumer() {
        this.deliver = new DeliverNotification(Database::dataSource,
                Lazy.of(() -> SolapiClient.from(Environment.current(), Secrets::get)),
                Lazy.of(() -> DiscordClient.from(Environment.current(), Secrets::get)));
    }

    @Override
    protected void primeDecoding() {
        OutboxMessage.parse(PRIMING_SAMPLE);
    }

    @Override
    protected void process(SQSEvent.SQSMessage message, Context context) {
        OutboxMessage parsed = OutboxMessage.parse(message.getBody());
        matches.onMessage(parsed);
        try {
            deliver.deliver(parsed);
        } catch (DeliverNotification.RetryLater e) {
            throw new Redeliver(e.getMessage(), e.after().orElse(null));
        }
    }
}
