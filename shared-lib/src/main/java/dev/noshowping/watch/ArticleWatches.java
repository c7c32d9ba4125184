package dev.noshowping.watch;

import dev.noshowping.article.ArticleRepository;
import dev.noshowping.db.Transaction;
import dev.noshowping.domain.Conflict;
import dev.noshowping.domain.Forbidden;
import dev.noshowping.domain.NotFound;
import dev.noshowping.identity.Caller;
import dev.noshowping.user.UserRepository;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * {@code POST} and {@code DELETE /articles/{id}/watch}: a buyer follows an article they can see, to
 * hear when its price drops or it is on sale again. Both are idempotent. A seller cannot watch their
 * own article (403): they make those changes themselves.
 */
public final class ArticleWatches {

    /** Watches per user of articles not ended: a long shortlist, and a bound on one account's share of each fan-out. */
    public static final int MAX_PER_USER = 100;

    private final Supplier<DataSource> dataSource;

    public ArticleWatches(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Watches the article. Under a lock on the caller's user row (as saved searches' limit), an
     * article already watched is left as it is, even at the limit; otherwise the watches of articles
     * not ended ({@link dev.noshowping.article.ArticleStatus#ended}: those can never tell anything
     * again, and there is no list to find them by) are counted first: two watches at once count one
     * after the other, so the limit holds.
     */
    public void watch(Caller caller, long articleId) {
        Transaction.run(dataSource.get(), c -> {
            var article = ArticleRepository.find(c, articleId, caller.subject())
                    .filter(row -> row.visibleTo(caller))
                    .orElseThrow(() -> notFound(articleId));
            if (article.ownedBy(caller)) {
                throw new Forbidden("article " + articleId + " is yours; a seller does not watch their own article");
            }
            // the user row carries the verified phone the notices go to
            long userId = UserRepository.ensure(c, caller);
            UserRepository.lock(c, userId);
            if (WatchRepository.watches(c, articleId, userId)) {
                return null;
            }
            if (WatchRepository.liveCountOf(c, userId) >= MAX_PER_USER) {
                throw new Conflict(Conflict.Reason.WATCH_LIMIT, "you watch " + MAX_PER_USER
                        + " articles, as many as one may; stop watching one first");
            }
            WatchRepository.add(c, articleId, userId);
            return null;
        });
    }

    /**
     * Removes the caller's watch; no watch is already the wanted state. A watch is removable even
     * when its article has since left the caller's sight (taken down): only an article the caller
     * neither watches nor can see is a 404.
     */
    public void unwatch(Caller caller, long articleId) {
        Transaction.run(dataSource.get(), c -> {
            if (!WatchRepository.remove(c, articleId, caller.subject())) {
                ArticleRepository.find(c, articleId, caller.subject())
                        .filter(row -> row.visibleTo(caller))
                        .orElseThrow(() -> notFound(articleId));
            }
            return null;
        });
    }

    private static NotFound notFound(long articleId) {
        return new NotFound("no article " + articleId);
    }
}
