package dev.noshowping.order;

import dev.noshowping.db.Transaction;
import dev.noshowping.log.JsonLog;
import dev.noshowping.outbox.Outbox;
import dev.noshowping.payment.TossPayment;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Applies what Toss says a payment is to its order, with the notifications that go with the move,
 * in one transaction. Used by confirm, webhooks, reconciliation and cancel alike, so every path
 * moves orders the same way and only forward.
 */
public final class PaymentSettlement {

    private final Supplier<DataSource> dataSource;

    public PaymentSettlement(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    /** What a settlement did: the order's new status if it moved (empty when the payment was old news), and the order after it. */
    public record Settled(Optional<String> moved, OrderRepository.Row order) {
    }

    public Settled settle(long orderId, TossPayment payment) {
        return Transaction.run(dataSource.get(), c -> {
            var after = OrderRepository.apply(c, orderId, payment);
            var order = after.isPresent() ? after.get() : OrderRepository.findById(c, orderId).orElseThrow();
            var moved = after.map(o -> o.view().status());
            if (moved.isPresent()) {
                OrderNotifications.moved(c, order, moved.get());
            } else if (payment.status().equals("DONE") && !order.view().status().equals("PAID")) {
                // old news, unless the money was taken for an order that already ended (failed,
                // expired, canceled): never lost silently — operations refund it
                Outbox.add(c, "payment.orphaned", Map.of("orderId", order.view().orderId(),
                        "paymentKey", payment.paymentKey(), "amount", payment.totalAmount(),
                        "orderStatus", order.view().status()));
                JsonLog.warn("payment done for an ended order",
                        Map.of("orderId", order.view().orderId(), "orderStatus", order.view().status()));
            }
            return new Settled(moved, order);
        });
    }

    /** Toss refused the confirm: FAILED with its code and message, the article back on sale. */
    public boolean fail(long orderId, String code, String message) {
        return Transaction.run(dataSource.get(), c -> OrderRepository.fail(c, orderId, code, message));
    }

    /** An unpaid order ends (hold canceled or expired): the article back on sale, the buyer told. */
    public boolean end(long orderId, String from, String to, String reason) {
        return Transaction.run(dataSource.get(), c -> {
            if (!OrderRepository.end(c, orderId, from, to, reason)) {
                return false;
            }
            OrderNotifications.moved(c, OrderRepository.findById(c, orderId).orElseThrow(), to);
            return true;
        });
    }
}
