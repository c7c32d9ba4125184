package dev.noshowping.savedsearch;

import dev.noshowping.db.Transaction;
import dev.noshowping.log.JsonLog;
import dev.noshowping.notify.NotificationPlan;
import dev.noshowping.notify.OutboxMessage;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Matches saved searches against what the outbox says is new: an article put on sale
 * ({@code article.published}), the listings a crawl run stored first ({@code crawl.run_finished}).
 * Runs where those messages are consumed, never in the request that made them; a message delivered
 * again records nothing more (one match per search and item). The owners are told later, by
 * {@link SavedSearchAlerts}.
 */
public final class MatchSavedSearches {

    private final Supplier<DataSource> dataSource;

    public MatchSavedSearches(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    /** The matches {@code message} made (0 for a topic that brings nothing new to match). */
    public int onMessage(OutboxMessage message) {
        int matched = switch (message.topic()) {
            case NotificationPlan.ARTICLE_PUBLISHED -> match(List.of(message.number("articleId")), null);
            case NotificationPlan.CRAWL_RUN_FINISHED -> match(List.of(), message.number("runId"));
            default -> 0;
        };
        if (matched > 0) {
            JsonLog.info("saved searches matched", Map.of("topic", message.topic(), "outboxId",
                    message.outboxId().toString(), "matches", matched));
        }
        return matched;
    }

    /** Records the matches of {@code articles} and of the listings crawl run {@code runId} (null: none) stored first. */
    public int match(List<Long> articles, Long runId) {
        return Transaction.autocommit(dataSource.get(), c -> SavedSearchRepository.match(c, articles, runId));
    }
}
