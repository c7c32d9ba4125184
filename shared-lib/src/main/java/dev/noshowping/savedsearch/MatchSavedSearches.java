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

    /** Listings matched per statement. */
    static final int CHUNK = 500;

    private final Supplier<DataSource> dataSource;

    public MatchSavedSearches(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    /** The matches {@code message} made (0 for a topic that brings nothing new to match). */
    public int onMessage(OutboxMessage message) {
        int matched = switch (message.topic()) {
            case NotificationPlan.ARTICLE_PUBLISHED -> matchArticles(List.of(message.number("articleId")));
            case NotificationPlan.CRAWL_RUN_FINISHED -> matchRun(message.number("runId"));
            default -> 0;
        };
        if (matched > 0) {
            JsonLog.info("saved searches matched", Map.of("topic", message.topic(), "outboxId",
                    message.outboxId().toString(), "matches", matched));
        }
        return matched;
    }

    /** Records the matches of {@code articles}. */
    public int matchArticles(List<Long> articles) {
        return Transaction.autocommit(dataSource.get(), c -> SavedSearchRepository.match(c, articles, List.of()));
    }

    /**
     * Records the matches of the listings crawl run {@code runId} stored first, {@link #CHUNK} at a
     * time: each chunk is its own statement, committed alone, so a statement stays well inside the
     * statement timeout whatever the size of the run, and a redelivery redoes only what is left
     * unrecorded (the chunks done already record nothing twice).
     */
    public int matchRun(long runId) {
        return Transaction.autocommit(dataSource.get(), c -> {
            List<Long> listings = SavedSearchRepository.listingsFirstStoredBy(c, runId);
            int matched = 0;
            for (int from = 0; from < listings.size(); from += CHUNK) {
                matched += SavedSearchRepository.match(c, List.of(),
                        listings.subList(from, Math.min(listings.size(), from + CHUNK)));
            }
            return matched;
        });
    }
}
