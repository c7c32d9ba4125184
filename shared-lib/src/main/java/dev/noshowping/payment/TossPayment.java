package dev.noshowping.payment;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/**
 * The fields of Toss's Payment object we act on; {@code raw} keeps the whole answer for audit,
 * with any refund account masked ({@link RefundAccountMask}).
 * Toss names methods in Korean by default ("카드", "가상계좌"); {@link #method()} maps them.
 */
public record TossPayment(String paymentKey, String orderId, String status, String method, long totalAmount,
                          OffsetDateTime approvedAt, JsonNode virtualAccount, String secret, JsonNode raw) {

    public static TossPayment from(JsonNode answer) {
        JsonNode p = RefundAccountMask.applyTo(answer);
        String approved = p.path("approvedAt").asText(null);
        JsonNode va = p.path("virtualAccount");
        return new TossPayment(p.path("paymentKey").asText(), p.path("orderId").asText(), p.path("status").asText(),
                method(p.path("method").asText(null)), p.path("totalAmount").asLong(),
                approved == null || approved.isBlank() ? null : OffsetDateTime.parse(approved),
                va.isObject() ? va : null, p.path("secret").asText(null), p);
    }

    static String method(String toss) {
        if (toss == null) {
            return null;
        }
        return switch (toss) {
            case "카드", "CARD" -> "CARD";
            case "가상계좌", "VIRTUAL_ACCOUNT" -> "VIRTUAL_ACCOUNT";
            case "계좌이체", "TRANSFER" -> "TRANSFER";
            case "휴대폰", "MOBILE_PHONE" -> "MOBILE_PHONE";
            case "간편결제", "EASY_PAY" -> "EASY_PAY";
            case "문화상품권", "도서문화상품권", "게임문화상품권", "GIFT_CERTIFICATE" -> "GIFT_CERTIFICATE";
            default -> null;
        };
    }
}
