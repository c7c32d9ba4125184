package dev.noshowping.article;

import dev.noshowping.admin.AdminActionKind;
import dev.noshowping.admin.AdminActionRepository;
import dev.noshowping.admin.StaffNote;
import dev.noshowping.db.Transaction;
import dev.noshowping.domain.NotFound;
import dev.noshowping.domain.WrongState;
import dev.noshowping.identity.Caller;
import dev.noshowping.notify.NotificationPlan;
import dev.noshowping.outbox.Outbox;
import dev.noshowping.watch.WatchEvent;
import dev.noshowping.watch.WatchRepository;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * {@code POST /admin/articles/{id}/take-down} and {@code …/restore}: staff take an article on sale
 * out of the catalogue (a fraud, a rule broken) and the seller is told why by alimtalk; a taken-down
 * article can be put back on sale. Only an article on sale is taken down: one held or paid for is
 * a matter for its order (cancel, dispute, refund), which this would leave half-done.
 */
public final class ArticleModeration {

    private final Supplier<DataSource> dataSource;

    public ArticleModeration(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    public ArticleStatus takeDown(Caller caller, long articleId, StaffNote note) {
        return move(caller, articleId, note, ArticleStatus.ON_SALE, ArticleStatus.TAKEN_DOWN, AdminActionKind.ARTICLE_TAKEN_DOWN);
    }

    public ArticleStatus restore(Caller caller, long articleId, StaffNote note) {
        return move(caller, articleId, note, ArticleStatus.TAKEN_DOWN, ArticleStatus.ON_SALE, AdminActionKind.ARTICLE_RESTORED);
    }

    private ArticleStatus move(Caller caller, long articleId, StaffNote note, ArticleStatus from, ArticleStatus to,
                               AdminActionKind kind) {
        caller.requireAdmin("only staff take down or restore articles");
        String reason = note.checkedReason();
        return Transaction.run(dataSource.get(), c -> {
            var moved = ArticleRepository.moderate(c, articleId, from, to);
            if (moved.isEmpty()) {
                var state = ArticleRepository.state(c, articleId).orElseThrow(() -> new NotFound("no article " + articleId));
                throw new WrongState(state.status(), "article " + articleId + " is " + state.status() + ", not " + from);
            }
            AdminActionRepository.record(c, caller.subject(), kind, articleId, reason);
            if (to == ArticleStatus.TAKEN_DOWN) {
                Outbox.add(c, NotificationPlan.ARTICLE_TAKEN_DOWN, Map.of("articleId", articleId,
                        "sellerUserId", moved.get().sellerUserId(), "articleTitle", moved.get().title(),
                        "reason", reason, "adminSubject", caller.subject()));
            } else {
                WatchRepository.announce(c, WatchEvent.BACK_ON_SALE, articleId, null, null);
            }
            return to;
        });
    }
}
