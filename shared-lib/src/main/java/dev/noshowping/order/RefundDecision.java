package dev.noshowping.order;

import java.sql.Connection;
import java.sql.SQLException;

/** A move to REFUNDING with the refund row it owes, in one transaction: the decision, before any call to Toss. */
final class RefundDecision {

    private RefundDecision() {
    }

    /** False when the order was no longer in a state {@code event} starts from. */
    static boolean start(Connection c, OrderRepository.Row order, OrderEvent event, long amount,
                         RefundRepository.Reason reason) throws SQLException {
        long id = order.view().id();
        if (!OrderRepository.move(c, id, event)) {
            return false;
        }
        RefundRepository.request(c, id, order.view().orderId(), amount, reason);
        OrderNotifications.refunding(c, order, reason, amount);
        return true;
    }
}
