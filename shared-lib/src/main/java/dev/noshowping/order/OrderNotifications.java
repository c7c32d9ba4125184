package dev.noshowping.order;

import dev.noshowping.outbox.Outbox;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
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
            case "PAID" -> Outbox.add(c, List.of(
                    new Outbox.Message("order.paid.seller", payload(order, order.sellerUserId())),
                    new Outbox.Message("order.paid.buyer", payload(order, order.buyerUserId()))));
            case "WAITING_FOR_DEPOSIT" -> Outbox.add(c, "order.deposit_waiting", payload(order, order.buyerUserId()));
            case "EXPIRED" -> Outbox.add(c, "order.hold_expired", payload(order, order.buyerUserId()));
            case "CANCELED" -> Outbox.add(c, "order.canceled", payload(order, order.buyerUserId()));
            default -> { }
        }
    }

    /** How long a seller has to put the reservation in the buyer's name once paid. */
    static final Duration TRANSFER_WINDOW = Duration.ofHours(24);

    private static Map<String, Object> payload(OrderRepository.Row order, long recipientUserId) {
        Map<String, Object> p = new LinkedHashMap<>();
        OrderView view = order.view();
        p.put("orderId", view.orderId());
        p.put("orderDbId", view.id());
        p.put("articleId", view.articleId());
        p.put("articleTitle", order.articleTitle());
        p.put("amount", view.amount());
        p.put("recipientUserId", recipientUserId);
        OrderView.Payment payment = view.payment();
        if (payment != null) {
            p.put("method", payment.method());
            // money was taken only once the payment was approved: a canceled VA never was
            p.put("refunded", view.status().equals("CANCELED") && payment.approvedAt() != null);
            if (payment.approvedAt() != null) {
                p.put("approvedAt", payment.approvedAt().toString());
                p.put("transferDeadline", payment.approvedAt().plus(TRANSFER_WINDOW).toString());
            }
            OrderView.VirtualAccount account = payment.virtualAccount();
            if (account != null) {
                Map<String, Object> va = new LinkedHashMap<>();
                va.put("bankCode", account.bankCode());
                va.put("accountNumber", account.accountNumber());
                va.put("dueDate", account.dueDate());
                p.put("virtualAccount", va);
            }
        }
        return p;
    }
}
