package dev.noshowping.article;

import dev.noshowping.db.Transaction;
import dev.noshowping.domain.Conflict;
import dev.noshowping.domain.Forbidden;
import dev.noshowping.domain.Invalid;
import dev.noshowping.identity.Caller;
import dev.noshowping.watch.WatchEvent;
import dev.noshowping.watch.WatchRepository;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * {@code PATCH} and {@code DELETE /articles/{id}}: each is one guarded UPDATE (owner, status,
 * version); only when it matches nothing do we read the row to say why. A lower price tells the
 * article's watchers (one outbox row, in the same transaction).
 */
public final class ArticleChanges {

    private final Supplier<DataSource> dataSource;

    public ArticleChanges(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    public void patch(Caller caller, long id, ArticlePatch patch) {
        ArticleRules.validate(patch);
        Transaction.run(dataSource.get(), c -> {
            var patched = ArticleRepository.patch(c, id, caller.subject(), patch);
            if (patched.isPresent()) {
                if (patched.get().priceDropped()) {
                    WatchRepository.announce(c, WatchEvent.PRICE_DROPPED, id, null, patched.get().previousPrice());
                }
                return null;
            }
            var state = ArticleRepository.state(c, id).orElseThrow(() -> ArticleReads.notFound(id));
            if (!state.ownerSubject().equals(caller.subject())) {
                throw new Forbidden("only the seller may change article " + id);
            }
            if (state.status() != ArticleStatus.ON_SALE) {
                throw new Conflict("article " + id + " is " + state.status()
                        + "; only an article on sale can change");
            }
            if (state.version() != patch.version()) {
                throw new Conflict("article " + id + " changed since you read it (version "
                        + patch.version() + ", now " + state.version() + "); read it again");
            }
            throw new Invalid("salePrice", "must not exceed originalPrice ("
                    + state.originalPrice() + ")");
        });
    }

    public void withdraw(Caller caller, long id) {
        Transaction.run(dataSource.get(), c -> {
            if (ArticleRepository.withdraw(c, id, caller.subject())) {
                return null;
            }
            var state = ArticleRepository.state(c, id).orElseThrow(() -> ArticleReads.notFound(id));
            if (!state.ownerSubject().equals(caller.subject())) {
                throw new Forbidden("only the seller may withdraw article " + id);
            }
            if (state.status() == ArticleStatus.WITHDRAWN) {
                return null; // already done: DELETE is idempotent
            }
            throw new Conflict("article " + id + " is " + state.status()
                    + " and cannot be withdrawn");
        });
    }
}
