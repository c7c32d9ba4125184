package dev.noshowping.order;

import dev.noshowping.outbox.Outbox;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Outbox rows for what happened to an order, written in the transaction that made it happen.
 * Payloads carry what the messages show (title, amount, user ids): consumers join nothing.
 */
final class OrderNotifications {

    private OrderNotifications() {
    }

    /** After the order moved to {@code status}; nothing for states nobody is told about. */
    static void moved(Connection c, OrderRepository.Row order, String status) throws SQLException {
        switch (status) {
            case "PAID" -> {
                Outbox.add(c, "order.paid.seller", payload(order, order.sellerUserId()));
                Outbox.add(c, "order.paid.buyer", payload(order, order.buyerUserId()));
            }
            case "WAITING_FOR_DEPOSIT" -> Outbox.add(c, "order.deposit_waiting", payload(order, order.buyerUserId()));
            case "EXPIRED" -> Outbox.add(c, "order.hold_expired", payload(order, order.buyerUserId()));
            case "CANCELED" -> Outbox.add(c, "order.canceled", payload(order, order.buyerUserId()));
            default -> { }
        }
    }

    private static Map<String, Object> payload(OrderRepository.Row order, long recipientUserId) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("orderId", order.view().orderId());
        p.put("orderDbId", order.view().id());
        p.put("articleId", order.view().articleId());
        p.put("articleTitle", order.articleTitle());
        p.put("amount", order.view().amount());
        p.put("recipientUserId", recipientUserId);
        return p;
    }
}
