package dev.noshowping.order;

import dev.noshowping.db.Transaction;
import dev.noshowping.lambda.Deadline;
import dev.noshowping.payment.TossClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The minute schedule's payment chores: holds past their time expire; virtual accounts past their
 * due date are settled as Toss sees them, or closed at Toss; confirms whose answer never came (CONFIRMING for over a
 * minute) are settled by asking Toss for the order's payment, never by confirming again.
 */
public final class PaymentMaintenance {

    private static final int BATCH = 100;
    /** The cancel reason Toss and the buyer see: "the deposit deadline has passed". */
    static final String DEPOSIT_DEADLINE_PASSED = "입금 기한이 지났습니다";

    private final Supplier<DataSource> dataSource;
    private final Supplier<TossClient> toss;
    private final PaymentSettlement settlement;
    private final VirtualAccountClosing accounts;

    public PaymentMaintenance(Supplier<DataSource> dataSource, Supplier<TossClient> toss, OrderPolicy policy) {
        this.dataSource = dataSource;
        this.toss = toss;
        this.settlement = new PaymentSettlement(dataSource, policy);
        this.accounts = new VirtualAccountClosing(dataSource, toss, settlement);
    }

    public Map<String, Object> run(Deadline deadline) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("holdsExpired", DueOrders.each(due(OrderRepository::expiredHolds), "hold expiry", deadline,
                id -> settlement.end(id, OrderEvent.HOLD_EXPIRED, "hold expired")));
        summary.put("virtualAccountsSettled", DueOrders.each(due(OrderRepository::overdueDeposits),
                "closing an overdue virtual account", deadline, this::closeOverdue));
        summary.put("confirmsReconciled", DueOrders.each(due(OrderRepository::staleConfirms), "reconciliation",
                deadline, this::askToss));
        return summary;
    }

    /**
     * A virtual account past its due date: settled as Toss sees it (paid just in time, or expired at
     * Toss), or closed at Toss when Toss would still take a deposit (our deadline came first).
     */
    private boolean closeOverdue(long id) {
        var order = Transaction.read(dataSource.get(), c -> OrderRepository.findById(c, id)).orElseThrow();
        var payment = toss.get().byOrderId(order.view().orderId());
        if (payment.isEmpty()) {
            return false;
        }
        if (settlement.settle(id, order.checkIn(), payment.get()).moved().isPresent()) {
            return true;
        }
        accounts.close(order, DEPOSIT_DEADLINE_PASSED);
        return true;
    }

    /** Settles the order as Toss sees its payment; an order Toss never heard of failed before confirming. */
    private boolean askToss(long id) {
        var order = Transaction.read(dataSource.get(), c -> OrderRepository.findById(c, id)).orElseThrow();
        var payment = toss.get().byOrderId(order.view().orderId());
        if (payment.isPresent() && !payment.get().status().notConfirmed()) {
            return settlement.settle(id, order.checkIn(), payment.get()).moved().isPresent();
        }
        // a minute on, Toss knows the payment only as authenticated (or not at all): our confirm
        // never took effect, and the buyer's session simply lapses
        return order.status() == OrderStatus.CONFIRMING && settlement.fail(id,
                payment.isPresent() ? "NOT_CONFIRMED" : "NOT_FOUND_PAYMENT",
                "Toss never confirmed this payment; no money was taken");
    }

    @FunctionalInterface
    private interface Query {
        List<Long> ids(java.sql.Connection c, int limit) throws java.sql.SQLException;
    }

    private List<Long> due(Query query) {
        return Transaction.read(dataSource.get(), c -> query.ids(c, BATCH));
    }
}
