package dev.noshowping.order;

import dev.noshowping.article.ArticleStatus;
import dev.noshowping.outbox.Outbox;
import dev.noshowping.payment.PaymentMethod;
import dev.noshowping.watch.WatchEvent;
import dev.noshowping.watch.WatchRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Outbox rows for what happened to an order, written in the transaction that made it happen.
 * Payloads carry what the messages show (title, amount, user ids, deadlines): consumers join nothing.
 */
final class OrderNotifications {

    private OrderNotifications() {
    }

    /** After the order moved to {@code status}; nothing for states nobody is told about here. */
    static void moved(Connection c, OrderRepository.Row order, OrderStatus status) throws SQLException {
        if (OrderTransitions.articleFollows(status).filter(m -> m.to() == ArticleStatus.ON_SALE).isPresent()) {
            // the buyer whose hold ended knows already (their own cancel, or the hold-expired alimtalk)
            WatchRepository.announce(c, WatchEvent.BACK_ON_SALE, order.view().articleId(), order.buyerUserId(), null);
        }
        switch (status) {
            case PAID -> Outbox.add(c, List.of(
                    new Outbox.Message("order.paid.seller", payload(order, order.sellerUserId())),
                    new Outbox.Message("order.paid.buyer", payload(order, order.buyerUserId()))));
            case WAITING_FOR_DEPOSIT -> Outbox.add(c, "order.deposit_waiting", payload(order, order.buyerUserId()));
            case EXPIRED -> Outbox.add(c, "order.hold_expired", payload(order, order.buyerUserId()));
            case CANCELED -> Outbox.add(c, "order.canceled", payload(order, order.buyerUserId()));
            case TRANSFERRED -> Outbox.add(c, "order.transferred", payload(order, order.buyerUserId()));
            case REFUNDED -> refunded(c, order, order.view().amount());
            default -> { }
        }
    }

    /** The money is the seller's: the seller hears the net and when it is paid out. */
    static void completed(Connection c, OrderRepository.Row order, OrderEvent event, Settlement settlement)
            throws SQLException {
        Map<String, Object> p = payload(order, order.sellerUserId());
        p.put("how", event.name());
        p.put("net", settlement.net());
        p.put("fee", settlement.fee());
        p.put("payableOn", settlement.payableOn().toString());
        Outbox.add(c, "order.completed", p);
    }

    /** The buyer disputes: the seller is told, operations see it on Discord. */
    static void disputed(Connection c, OrderRepository.Row order, DisputeView dispute) throws SQLException {
        Map<String, Object> p = payload(order, order.sellerUserId());
        p.put("disputeId", dispute.id());
        p.put("reason", dispute.reason().name());
        Outbox.add(c, "order.disputed", p);
    }

    /** A refund is decided: who hears what depends on why. */
    static void refunding(Connection c, OrderRepository.Row order, RefundRepository.Reason reason, long amount)
            throws SQLException {
        Map<String, Object> p = payload(order, order.buyerUserId());
        p.put("sellerUserId", order.sellerUserId());
        p.put("reason", reason.name());
        p.put("refundAmount", amount);
        p.put("needsRefundAccount", order.view().payment().method() == PaymentMethod.VIRTUAL_ACCOUNT);
        Outbox.add(c, "order.refunding", p);
    }

    /** Toss has refunded {@code amount}: the buyer hears it, operations see it. */
    static void refunded(Connection c, OrderRepository.Row order, long amount) throws SQLException {
        Map<String, Object> p = payload(order, order.buyerUserId());
        p.put("refunded", true);
        p.put("amount", amount);
        Outbox.add(c, "order.canceled", p);
    }

    static void disputeResolved(Connection c, OrderRepository.Row order, DisputeOutcome outcome, long refundAmount)
            throws SQLException {
        Map<String, Object> p = payload(order, order.buyerUserId());
        p.put("sellerUserId", order.sellerUserId());
        p.put("outcome", outcome.name());
        p.put("refundAmount", outcome == DisputeOutcome.RELEASE ? 0 : refundAmount);
        Outbox.add(c, "dispute.resolved", p);
    }

    private static Map<String, Object> payload(OrderRepository.Row order, long recipientUserId) {
        Map<String, Object> p = new LinkedHashMap<>();
        OrderView view = order.view();
        p.put("orderId", view.orderId());
        p.put("orderDbId", view.id());
        p.put("articleId", view.articleId());
        p.put("articleTitle", order.articleTitle());
        p.put("amount", view.amount());
        p.put("recipientUserId", recipientUserId);
        OrderView.Timeline t = view.timeline();
        if (t.transferDeadline() != null) {
            p.put("transferDeadline", t.transferDeadline().toString());
        }
        if (t.autoConfirmAt() != null) {
            p.put("autoConfirmAt", t.autoConfirmAt().toString());
        }
        if (view.guest() != null && view.state().paid()) {
            p.put("guestName", view.guest().name());
        }
        OrderView.Payment payment = view.payment();
        if (payment != null) {
            p.put("method", payment.method());
            // money was taken only once the payment was approved: a canceled VA never was
            p.put("refunded", view.state() == OrderStatus.CANCELED && payment.approvedAt() != null);
            if (payment.approvedAt() != null) {
                p.put("approvedAt", payment.approvedAt().toString());
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
