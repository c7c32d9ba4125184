package dev.noshowping.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.noshowping.payment.PaymentMethod;
import dev.noshowping.payment.TossPaymentStatus;
import java.time.Instant;

/**
 * An order as {@code /orders} and {@code /payments/confirm} show it. What each party may see is
 * decided by {@link OrderParty#view}: the guest goes to the seller only once paid, the payment's
 * details only to the buyer and admins.
 */
public record OrderView(long id, String orderId, long articleId, long amount, OrderStatus status, Instant holdExpiresAt,
                        @JsonInclude(JsonInclude.Include.ALWAYS) Payment payment,
                        @JsonInclude(JsonInclude.Include.ALWAYS) Failure failure, Instant createdAt,
                        Guest guest, Timeline timeline) {

    public record Payment(String paymentKey, PaymentMethod method, TossPaymentStatus status, Instant approvedAt,
                          VirtualAccount virtualAccount) {
    }

    /** What the buyer needs to pay by bank transfer. The webhook secret never leaves the database. */
    public record VirtualAccount(String accountNumber, String bankCode, String customerName, String dueDate) {
    }

    public record Failure(String code, String message) {
    }

    /** The name (and phone) the booking is to be put in. */
    public record Guest(String name, String phone) {
    }

    /** When the order moved after the payment, and the deadlines it runs against. */
    public record Timeline(Instant paidAt, Instant transferDeadline, Instant transferredAt, Instant autoConfirmAt,
                           Instant completedAt) {
    }

    public OrderStatus state() {
        return status;
    }

    OrderView withTransferDeadline(Instant deadline) {
        Timeline t = timeline;
        return new OrderView(id, orderId, articleId, amount, status, holdExpiresAt, payment, failure, createdAt, guest,
                new Timeline(t.paidAt(), deadline, t.transferredAt(), t.autoConfirmAt(), t.completedAt()));
    }

    OrderView with(Payment payment, Guest guest) {
        return new OrderView(id, orderId, articleId, amount, status, holdExpiresAt, payment, failure, createdAt, guest,
                timeline);
    }
}
