package dev.noshowping.order;

import dev.noshowping.db.Transaction;
import dev.noshowping.log.JsonLog;
import dev.noshowping.payment.TossClient;
import dev.noshowping.payment.TossException;
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

    public Map<String, Object> run() {
        Map<String, Object> summary = new LinkedHashMap<>();
        int expired = 0;
        for (long id : due(OrderRepository::expiredHolds)) {
            if (settlement.end(id, OrderEvent.HOLD_EXPIRED, "hold expired")) {
                expired++;
            }
        }
        summary.put("holdsExpired", expired);
        summary.put("virtualAccountsSettled", closeOverdue(due(OrderRepository::overdueDeposits)));
        summary.put("confirmsReconciled", askToss(due(OrderRepository::staleConfirms)));
        return summary;
    }

    /**
     * Virtual accounts past their due date: settled as Toss sees them (paid just in time, or expired
     * at Toss), and closed at Toss when Toss would still take a deposit (our deadline came first).
     */
    private int closeOverdue(List<Long> ids) {
        int settled = 0;
        for (long id : ids) {
            var order = Transaction.read(dataSource.get(), c -> OrderRepository.findById(c, id)).orElseThrow();
            try {
                var payment = toss.get().byOrderId(order.view().orderId());
                if (payment.isPresent() && settlement.settle(id, order.checkIn(), payment.get()).moved().isPresent()) {
                    settled++;
                } else if (payment.isPresent()) {
                    Transaction.autocommit(dataSource.get(), c -> {
                        OrderRepository.setCancelReason(c, id, DEPOSIT_DEADLINE_PASSED);
                        return null;
                    });
                    accounts.close(order, DEPOSIT_DEADLINE_PASSED);
                    settled++;
                }
            } catch (TossException | TossClient.Unanswered e) {
                JsonLog.warn("closing an overdue virtual account deferred", Map.of("orderId", order.view().orderId(),
                        "error", e.toString()));
            } catch (RuntimeException e) {
                JsonLog.error("closing one overdue virtual account failed", Map.of("orderId", order.view().orderId()), e);
            }
        }
        return settled;
    }

    /** Settles each order as Toss sees its payment; an order Toss never heard of failed before confirming. */
    private int askToss(List<Long> ids) {
        int settled = 0;
        for (long id : ids) {
            var order = Transaction.read(dataSource.get(), c -> OrderRepository.findById(c, id)).orElseThrow();
            try {
                var payment = toss.get().byOrderId(order.view().orderId());
                boolean confirming = order.status() == OrderStatus.CONFIRMING;
                if (payment.isPresent() && !notConfirmed(payment.get().status())) {
                    settled += settlement.settle(id, order.checkIn(), payment.get()).moved().isPresent() ? 1 : 0;
                } else if (confirming && settlement.fail(id, payment.isPresent() ? "NOT_CONFIRMED" : "NOT_FOUND_PAYMENT",
                        "Toss never confirmed this payment; no money was taken")) {
                    // a minute on, Toss knows the payment only as authenticated (or not at all): our
                    // confirm never took effect, and the buyer's session simply lapses
                    settled++;
                }
            } catch (TossException | TossClient.Unanswered e) {
                // Toss is unreachable now; the next run asks again
                JsonLog.warn("reconciliation deferred", Map.of("orderId", order.view().orderId(), "error", e.toString()));
            } catch (RuntimeException e) {
                // one order that fails (its data, a database error) never stops the ones after it
                JsonLog.error("reconciliation of one order failed", Map.of("orderId", order.view().orderId()), e);
            }
        }
        return settled;
    }

    private static boolean notConfirmed(String tossStatus) {
        return tossStatus.equals("READY") || tossStatus.equals("IN_PROGRESS");
    }

    @FunctionalInterface
    private interface Query {
        List<Long> ids(java.sql.Connection c, int limit) throws java.sql.SQLException;
    }

    private List<Long> due(Query query) {
        return Transaction.read(dataSource.get(), c -> query.ids(c, BATCH));
    }
}
