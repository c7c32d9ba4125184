package dev.noshowping.order;

import dev.noshowping.article.ArticleRepository;
import dev.noshowping.db.Transaction;
import dev.noshowping.lambda.Deadline;
import dev.noshowping.payment.TossClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The minute schedule's chores after the payment: sellers who missed the transfer deadline are
 * refunded in full (their article leaves the catalogue); transferred orders nobody disputed by
 * their auto-confirm time complete; refunds still owed are tried again; articles whose stay
 * begins within the catalogue cutoff expire. One bad order is logged and skipped, never stops the rest.
 */
public final class AfterPaymentMaintenance {

    private static final int BATCH = 100;
    /** A refund not tried for this long is tried again (the first try is the request's own). */
    private static final int REFUND_RETRY_SECONDS = 60;

    private final Supplier<DataSource> dataSource;
    private final Refunds refunds;
    private final OrderCompletion completion;
    private final OrderPolicy policy;
    private final Clock clock;

    public AfterPaymentMaintenance(Supplier<DataSource> dataSource, Supplier<TossClient> toss, OrderPolicy policy,
                                   Clock clock) {
        this.dataSource = dataSource;
        this.refunds = new Refunds(dataSource, toss, policy);
        this.completion = new OrderCompletion(policy);
        this.policy = policy;
        this.clock = clock;
    }

    public Map<String, Object> run(Deadline deadline) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("articlesExpired", Transaction.run(dataSource.get(),
                c -> ArticleRepository.expireCheckInsUpTo(c, policy.lastClosedCheckIn(clock.instant()))));
        summary.put("transferDeadlinesMissed", DueOrders.each(due(OrderRepository::missedTransfers),
                "transfer deadline refund", deadline, id -> {
                    boolean decided = Transaction.run(dataSource.get(), c -> {
                        var order = OrderRepository.findById(c, id).orElseThrow();
                        return RefundDecision.start(c, order, OrderEvent.TRANSFER_DEADLINE_MISSED, order.view().amount(),
                                RefundRepository.Reason.TRANSFER_DEADLINE_MISSED);
                    });
                    if (decided) {
                        refunds.attempt(id, null);
                    }
                    return decided;
                }));
        summary.put("autoConfirmed", DueOrders.each(due(OrderRepository::dueAutoConfirms), "auto-confirm", deadline,
                id -> Transaction.run(dataSource.get(), c ->
                        completion.complete(c, OrderRepository.findById(c, id).orElseThrow(), OrderEvent.AUTO_CONFIRMED))));
        summary.put("refundsRetriedDone", DueOrders.each(Transaction.read(dataSource.get(),
                        c -> RefundRepository.owed(c, REFUND_RETRY_SECONDS, Refunds.MAX_ATTEMPTS, BATCH)),
                "refund retry", deadline, id -> refunds.attempt(id, null) == Refunds.Outcome.DONE));
        return summary;
    }

    @FunctionalInterface
    private interface Query {
        List<Long> ids(java.sql.Connection c, int limit) throws java.sql.SQLException;
    }

    private List<Long> due(Query query) {
        return Transaction.read(dataSource.get(), c -> query.ids(c, BATCH));
    }
}
