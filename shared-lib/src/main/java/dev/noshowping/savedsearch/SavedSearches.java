package dev.noshowping.savedsearch;

import dev.noshowping.article.ArticleQuery;
import dev.noshowping.db.Transaction;
import dev.noshowping.domain.Conflict;
import dev.noshowping.domain.NotFound;
import dev.noshowping.domain.Validation;
import dev.noshowping.identity.Caller;
import dev.noshowping.user.UserRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** {@code POST /saved-searches}, {@code GET /saved-searches}, {@code DELETE /saved-searches/{id}}. */
public final class SavedSearches {

    /** Live saved searches per user: each is matched against everything new, and each can message its owner. */
    public static final int MAX_PER_USER = 10;

    /** {@code GET /saved-searches}: every one of the caller's (at most {@link #MAX_PER_USER}). */
    public record Listing(List<SavedSearch> items) {
    }

    private final Supplier<DataSource> dataSource;

    public SavedSearches(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Validates the criteria with the rules and messages of {@code GET /articles}, then, under a
     * lock on the caller's user row, counts their searches and stores this one: two creates at once
     * count one after the other, so the limit holds.
     */
    public SavedSearch create(Caller caller, SavedSearchRequest request) {
        Map<String, String> criteria = request == null ? Map.of() : request.asQueryParameters();
        if (criteria.isEmpty()) {
            Validation v = new Validation();
            v.add("q", "is required when no other criterion (region, dates, guests, price) is given");
            v.throwIfInvalid();
        }
        ArticleQuery query = ArticleQuery.parse(criteria);
        List<String> words = distinctIgnoringCase(query.words());
        return Transaction.run(dataSource.get(), c -> {
            long userId = UserRepository.ensure(c, caller);
            UserRepository.lock(c, userId);
            if (SavedSearchRepository.countOf(c, userId) >= MAX_PER_USER) {
                throw new Conflict(Conflict.Reason.SAVED_SEARCH_LIMIT,
                        "you keep " + MAX_PER_USER + " saved searches, as many as one may; delete one first");
            }
            return SavedSearchRepository.insert(c, userId, words, query);
        });
    }

    public Listing list(Caller caller) {
        return new Listing(Transaction.read(dataSource.get(), c -> SavedSearchRepository.listOf(c, caller.subject())));
    }

    /** Deletes the caller's search and what it matched but did not tell yet; another's or none is 404. */
    public void delete(Caller caller, long id) {
        if (!Transaction.run(dataSource.get(), c -> SavedSearchRepository.delete(c, id, caller.subject()))) {
            throw new NotFound("no saved search " + id);
        }
    }

    /** Matching ignores case, so "Jeju jeju" is one word, stored once. */
    private static List<String> distinctIgnoringCase(List<String> words) {
        Map<String, String> byLower = new LinkedHashMap<>();
        words.forEach(w -> byLower.putIfAbsent(w.toLowerCase(Locale.ROOT), w));
        return List.copyOf(byLower.values());
    }
}
