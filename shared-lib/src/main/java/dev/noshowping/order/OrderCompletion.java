package dev.noshowping.order;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * An order completes (the buyer confirms, nobody disputes in time, or staff release a dispute):
 * in the same transaction the money becomes the seller's as a settlement row, payable after the
 * stay, and the seller is told.
 */
final class OrderCompletion {

    private final OrderPolicy policy;

    OrderCompletion(OrderPolicy policy) {
        this.policy = policy;
    }

    /** False when the order was no longer in a state {@code event} completes: someone else moved it first. */
    boolean complete(Connection c, OrderRepository.Row order, OrderEvent event) throws SQLException {
        long id = order.view().id();
        if (!OrderRepository.complete(c, id, event)) {
            return false;
        }
        Settlement settlement = policy.settle(order.view().amount(), order.checkOut());
        SettlementRepository.insert(c, id, order.merchantId(), settlement);
        OrderNotifications.completed(c, order, event, settlement);
        return true;
    }
}
