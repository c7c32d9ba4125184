package dev.noshowping.order;

import dev.noshowping.db.Transaction;
import dev.noshowping.log.JsonLog;
import dev.noshowping.outbox.Outbox;
import dev.noshowping.payment.TossPayment;
import dev.noshowping.payment.TossPaymentStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Applies what Toss says a payment is to its order, with the notifications that go with the move,
 * in one transaction. Used by confirm, webhooks, reconciliation and cancel alike, so every path
 * moves orders the same way and only where {@link OrderTransitions} allows.
 */
public final class PaymentSettlement {

    private final Supplier<DataSource> dataSource;
    private final OrderPolicy policy;

    public PaymentSettlement(Supplier<DataSource> dataSource, OrderPolicy policy) {
        this.dataSource = dataSource;
        this.policy = policy;
    }

    /** What a settlement did: the order's new status if it moved (empty when the payment was old news), and the order after it. */
    public record Settled(Optional<OrderStatus> moved, OrderRepository.Row order) {
    }

    /**
     * The event a Toss payment status stands for. A partial cancel is no event: the order stays
     * where it is and the refund that asked for it moves it ({@link Refunds}).
     */
    static Optional<OrderEvent> eventOf(TossPayment p) {
        return Optional.ofNullable(switch (p.status()) {
            case DONE -> OrderEvent.PAYMENT_DONE;
            // Toss keeps an unpaid account past its due date WAITING_FOR_DEPOSIT with
            // virtualAccount.expired = true (and sends no webhook): for us it has expired
            case WAITING_FOR_DEPOSIT -> p.virtualAccount() != null && p.virtualAccount().path("expired").asBoolean(false)
                    ? OrderEvent.PAYMENT_EXPIRED : OrderEvent.DEPOSIT_AWAITED;
            case CANCELED -> OrderEvent.PAYMENT_CANCELED;
            case EXPIRED -> OrderEvent.PAYMENT_EXPIRED;
            case ABORTED -> OrderEvent.PAYMENT_FAILED;
            // READY / IN_PROGRESS: nothing settled yet; PARTIAL_CANCELED: see above; UNKNOWN: nothing we know to do
            case READY, IN_PROGRESS, PARTIAL_CANCELED, UNKNOWN -> null;
        });
    }

    /**
     * Applies {@code payment} to the order. {@code checkIn} is the order's stay: should the payment
     * make the order PAID, the seller's transfer deadline is set in the same statement.
     */
    public Settled settle(long orderId, LocalDate checkIn, TossPayment payment) {
        Optional<OrderEvent> event = eventOf(payment);
        Instant now = Instant.now();
        var times = new OrderRepository.MoveTimes(now, policy.transferDeadline(now, checkIn),
                policy.depositDueBy(now, checkIn, tossDueDate(payment)));
        return Transaction.run(dataSource.get(), c -> {
            var after = event.isEmpty() ? Optional.<OrderRepository.Row>empty()
                    : OrderRepository.apply(c, orderId, event.get(), payment, times);
            var order = after.isPresent() ? after.get() : OrderRepository.findById(c, orderId).orElseThrow();
            var moved = after.map(OrderRepository.Row::status);
            if (moved.isPresent()) {
                if (moved.get() == OrderStatus.REFUNDED) {
                    // the whole payment went back without a refund of ours in flight, or before its answer came
                    RefundRepository.doneOutside(c, orderId, order.view().orderId(), payment.totalAmount());
                }
                OrderNotifications.moved(c, order, moved.get());
            } else if (payment.status() == TossPaymentStatus.DONE && !order.status().paid()) {
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

    /** The due date Toss gave a virtual account, if it gave one we can read. */
    private static Instant tossDueDate(TossPayment payment) {
        String due = payment.virtualAccount() == null ? null : payment.virtualAccount().path("dueDate").asText(null);
        try {
            return due == null ? null : OffsetDateTime.parse(due).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Toss refused the confirm: FAILED with its code and message, the article back on sale. */
    public boolean fail(long orderId, String code, String message) {
        return Transaction.run(dataSource.get(), c -> {
            if (!OrderRepository.fail(c, orderId, code, message)) {
                return false;
            }
            OrderNotifications.moved(c, OrderRepository.findById(c, orderId).orElseThrow(), OrderStatus.FAILED);
            return true;
        });
    }

    /** An unpaid hold ends (canceled or expired): the article back on sale, the buyer told. */
    public boolean end(long orderId, OrderEvent event, String reason) {
        return Transaction.run(dataSource.get(), c -> {
            if (!OrderRepository.end(c, orderId, event, reason)) {
                return false;
            }
            var order = OrderRepository.findById(c, orderId).orElseThrow();
            OrderNotifications.moved(c, order, order.status());
            return true;
        });
    }
}
