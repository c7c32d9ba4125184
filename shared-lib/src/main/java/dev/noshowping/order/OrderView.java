package dev.noshowping.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** An order as {@code /orders} and {@code /payments/confirm} show it. */
public record OrderView(long id, String orderId, long articleId, long amount, String status, Instant holdExpiresAt,
                        @JsonInclude(JsonInclude.Include.ALWAYS) Payment payment,
                        @JsonInclude(JsonInclude.Include.ALWAYS) Failure failure, Instant createdAt) {

    public record Payment(String paymentKey, String method, String status, Instant approvedAt,
                          VirtualAccount virtualAccount) {
    }

    /** What the buyer needs to pay by bank transfer. The webhook secret never leaves the database. */
    public record VirtualAccount(String accountNumber, String bankCode, String customerName, String dueDate) {
    }

    public record Failure(String code, String message) {
    }
}
