package dev.noshowping.order;

import dev.noshowping.db.Transaction;
import dev.noshowping.log.JsonLog;
import dev.noshowping.outbox.Outbox;
import dev.noshowping.payment.PaymentMethod;
import dev.noshowping.payment.TossClient;
import dev.noshowping.payment.TossException;
import dev.noshowping.payment.TossPayment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Carries out a refund that a move to REFUNDING decided (seller cancel, missed transfer deadline,
 * dispute resolved for the buyer): one Toss cancel per attempt with the refund row's key, then
 * the order moves to REFUNDED (or PARTIALLY_REFUNDED, the rest settled to the seller) in one
 * transaction with its notifications. A refusal keeps the order REFUNDING, tells operations, and
 * the next attempt (maintenance, every minute) uses a new key; an unanswered call keeps its key.
 */
public final class Refunds {

    /** After this many refused attempts the refund waits for staff (flagged on each refusal). */
    public static final int MAX_ATTEMPTS = 5;

    public enum Outcome { DONE, REFUSED, DEFERRED, NEEDS_REFUND_ACCOUNT, NOTHING_OWED }

    private final Supplier<DataSource> dataSource;
    private final Supplier<TossClient> toss;
    private final OrderPolicy policy;

    public Refunds(Supplier<DataSource> dataSource, Supplier<TossClient> toss, OrderPolicy policy) {
        this.dataSource = dataSource;
        this.toss = toss;
        this.policy = policy;
    }

    private record Owed(OrderRepository.Row order, RefundRepository.Refund refund) {
    }

    /**
     * One attempt at the order's owed refund. A virtual-account payment goes back to a bank account
     * only the buyer can name: without {@code refundAccount} nothing is sent (the buyer was asked).
     */
    public Outcome attempt(long orderId, Map<String, String> refundAccount) {
        Owed owed = Transaction.read(dataSource.get(), c -> {
            var order = OrderRepository.findById(c, orderId).orElseThrow();
            var refund = RefundRepository.ofOrder(c, orderId).orElse(null);
            return new Owed(order, refund);
        });
        if (owed.order().status() != OrderStatus.REFUNDING || owed.refund() == null || owed.refund().done()) {
            return Outcome.NOTHING_OWED;
        }
        var order = owed.order();
        var refund = owed.refund();
        boolean deposited = order.view().payment().method() == PaymentMethod.VIRTUAL_ACCOUNT;
        if (deposited && refundAccount == null) {
            Transaction.run(dataSource.get(), c -> {
                RefundRepository.deferred(c, orderId, "waiting for the buyer's refund account");
                return null;
            });
            return Outcome.NEEDS_REFUND_ACCOUNT;
        }
        boolean partial = refund.amount() < order.view().amount();
        try {
            TossPayment p = toss.get().cancel(order.paymentKey(), cancelReason(refund.reason()),
                    partial ? refund.amount() : null, refundAccount, refund.idempotencyKey());
            finish(order, refund, p);
            return Outcome.DONE;
        } catch (TossException e) {
            if (e.alreadyCanceled()) {
                finish(order, refund, toss.get().byPaymentKey(order.paymentKey()));
                return Outcome.DONE;
            }
            if (e.retryable()) {
                defer(orderId, e.toString());
                return Outcome.DEFERRED;
            }
            refused(order, refund, e);
            return Outcome.REFUSED;
        } catch (TossClient.Unanswered e) {
            defer(orderId, e.getMessage());
            return Outcome.DEFERRED;
        }
    }

    private void finish(OrderRepository.Row order, RefundRepository.Refund refund, TossPayment payment) {
        long id = order.view().id();
        boolean partial = refund.amount() < order.view().amount();
        Transaction.run(dataSource.get(), c -> {
            RefundRepository.done(c, id);
            OrderRepository.recordPayment(c, id, payment);
            if (OrderRepository.move(c, id, partial ? OrderEvent.PARTIAL_REFUND_DONE : OrderEvent.REFUND_DONE)) {
                if (partial) {
                    SettlementRepository.insert(c, id, order.merchantId(),
                            policy.settle(order.view().amount() - refund.amount(), order.checkOut()));
                }
                var after = OrderRepository.findById(c, id).orElseThrow();
                OrderNotifications.refunded(c, after, refund.amount());
            }
            return null;
        });
    }

    private void refused(OrderRepository.Row order, RefundRepository.Refund refund, TossException e) {
        Transaction.run(dataSource.get(), c -> {
            RefundRepository.refused(c, order.view().id(), order.view().orderId(), refund.attempt(), e.toString());
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("orderId", order.view().orderId());
            p.put("amount", refund.amount());
            p.put("attempt", refund.attempt());
            p.put("code", e.code());
            p.put("message", e.tossMessage());
            p.put("givingUp", refund.attempt() >= MAX_ATTEMPTS);
            Outbox.add(c, "refund.refused", p);
            return null;
        });
        JsonLog.warn("refund refused", Map.of("orderId", order.view().orderId(), "attempt", refund.attempt(),
                "code", e.code()));
    }

    private void defer(long orderId, String error) {
        Transaction.run(dataSource.get(), c -> {
            RefundRepository.deferred(c, orderId, error);
            return null;
        });
    }

    /** Toss's cancelReason (at most 200 characters), in the words the buyer's card statement may show. */
    static String cancelReason(RefundRepository.Reason reason) {
        return switch (reason) {
            case SELLER_CANCELED -> "판매자 취소";
            case TRANSFER_DEADLINE_MISSED -> "판매자 양도 기한 초과";
            case DISPUTE -> "분쟁 조정 환불";
            case ADMIN -> "운영자 환불";
            case OUTSIDE -> "환불";
        };
    }
}
