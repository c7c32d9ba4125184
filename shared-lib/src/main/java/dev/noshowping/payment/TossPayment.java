package dev.noshowping.payment;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/**
 * The fields of Toss's Payment object we act on; {@code raw} keeps the whole answer for audit,
 * with any refund account masked ({@link RefundAccountMask}).
 */
public record TossPayment(String paymentKey, String orderId, TossPaymentStatus status, PaymentMethod method,
                          long totalAmount, OffsetDateTime approvedAt, JsonNode virtualAccount, String secret, JsonNode raw) {

    public static TossPayment from(JsonNode answer) {
        JsonNode p = RefundAccountMask.applyTo(answer);
        String approved = p.path("approvedAt").asText(null);
        JsonNode va = p.path("virtualAccount");
        return new TossPayment(p.path("paymentKey").asText(), p.path("orderId").asText(),
                TossPaymentStatus.of(p.path("status").asText(null)), PaymentMethod.of(p.path("method").asText(null)), p.path("totalAmount").asLong(),
                approved == null || approved.isBlank() ? null : OffsetDateTime.parse(approved),
                va.isObject() ? va : null, p.path("secret").asText(null), p);
    }
}
