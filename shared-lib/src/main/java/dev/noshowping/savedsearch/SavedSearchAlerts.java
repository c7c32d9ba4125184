package dev.noshowping.savedsearch;

import dev.noshowping.db.Transaction;
import dev.noshowping.lambda.Deadline;
import dev.noshowping.notify.NotificationPlan;
import dev.noshowping.outbox.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Tells owners what their saved searches matched, a chore of the minute maintenance run: a search
 * with matches not told yet gets one outbox message for all of them, if its owner was not told in
 * the last {@link #DIGEST_WINDOW}; otherwise they wait for the window to close and go out together.
 * One match alone that is an article is told as that article (its page); several, or a crawled
 * listing, as a digest ("N new listings match …", the search's page). The message goes through
 * the outbox like every notification, so the alimtalk is sent by the notifications consumer, once.
 */
public final class SavedSearchAlerts {

    public static final Duration DIGEST_WINDOW = Duration.ofMinutes(10);
    static final int MAX_TITLE = 40;
    /** Searches told per transaction. */
    static final int BATCH = 200;

    /** What one run did. */
    public record Told(int messages, int matches) {
    }

    private final Supplier<DataSource> dataSource;
    private final Clock clock;

    public SavedSearchAlerts(Supplier<DataSource> dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Batches of searches until none is due or {@code deadline} passed; for the maintenance summary. */
    public Map<String, Object> run(Deadline deadline) {
        int messages = 0;
        int matches = 0;
        Told told;
        do {
            told = tellDue();
            messages += told.messages();
            matches += told.matches();
        } while (told.messages() == BATCH && !deadline.passed());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("savedSearchMessages", messages);
        summary.put("savedSearchMatchesTold", matches);
        return summary;
    }

    /** One batch: the searches due, each with one outbox message, in one transaction. */
    Told tellDue() {
        Instant now = clock.instant();
        return Transaction.run(dataSource.get(), c -> {
            List<SavedSearchRepository.Due> due = SavedSearchRepository.lockDue(c, now.minus(DIGEST_WINDOW), BATCH);
            if (due.isEmpty()) {
                return new Told(0, 0);
            }
            List<Outbox.Message> messages = due.stream().map(SavedSearchAlerts::message).toList();
            List<UUID> outboxIds = Outbox.add(c, messages);
            List<Long> matchIds = new ArrayList<>();
            List<UUID> toldBy = new ArrayList<>();
            for (int i = 0; i < due.size(); i++) {
                for (SavedSearchRepository.Pending p : due.get(i).matches()) {
                    matchIds.add(p.id());
                    toldBy.add(outboxIds.get(i));
                }
            }
            SavedSearchRepository.told(c, matchIds.stream().mapToLong(Long::longValue).toArray(),
                    toldBy.toArray(UUID[]::new), due.stream().mapToLong(d -> d.search().id()).toArray(), now);
            return new Told(due.size(), matchIds.size());
        });
    }

    /** The outbox message of a search due: the article alone, or a digest. */
    static Outbox.Message message(SavedSearchRepository.Due due) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("savedSearchId", due.search().id());
        payload.put("recipientUserId", due.ownerUserId());
        payload.put("searchLabel", due.search().label());
        payload.put("count", due.matches().size());
        SavedSearchRepository.Pending first = due.matches().getFirst();
        if (due.matches().size() == 1 && first.kind() == MatchKind.ARTICLE && first.title() != null) {
            payload.put("articleId", first.itemId());
            payload.put("articleTitle", first.title());
            payload.put("salePrice", first.price());
        } else {
            String title = due.matches().stream().map(SavedSearchRepository.Pending::title)
                    .filter(t -> t != null && !t.isBlank()).findFirst().orElse("새 매물").strip();
            // a crawled title can run to 1,000 characters; a line of the message shows the start
            payload.put("firstTitle", title.codePointCount(0, title.length()) <= MAX_TITLE ? title
                    : title.substring(0, title.offsetByCodePoints(0, MAX_TITLE - 1)) + "…");
        }
        return new Outbox.Message(NotificationPlan.SAVED_SEARCH_MATCHED, payload);
    }
}
