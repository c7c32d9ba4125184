package dev.noshowping.emulator.toss;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One payment inside the emulator (mutable; only touched under {@link TossEmulator}'s lock). Renders
 * itself as Toss's Payment object, version 2022-11-16, with Toss's explicit {@code null}s.
 */
final class TossPayment {

    static final ZoneOffset KST = ZoneOffset.ofHours(9);
    /** {@code yyyy-MM-dd'T'HH:mm:ss±hh:mm}, as requestedAt / approvedAt / canceledAt / dueDate. */
    static final DateTimeFormatter OFFSET_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    static final Duration REFUND_DELAY = Duration.ofDays(2);
    /** Toss shows the refund account typed into the widget for 30 minutes after the window opened. */
    static final Duration WIDGET_REFUND_ACCOUNT_SHOWN = Duration.ofMinutes(30);

    final String paymentKey;
    final String orderId;
    final String orderName;
    final TossEmulator.Method method;
    final long totalAmount;
    final String customerName;
    final Instant requestedAt;
    final Instant sessionExpiresAt;
    final Duration virtualAccountValidity;

    String status = "IN_PROGRESS";
    long balanceAmount;
    Instant approvedAt;
    String secret;
    String lastTransactionKey;
    Map<String, Object> card;
    Map<String, Object> failure;
    final List<Map<String, Object>> cancels = new ArrayList<>();

    // virtual account
    String accountNumber;
    String bankCode;
    Instant dueDate;
    String depositorName;
    String refundStatus = "NONE";
    Instant refundRequestedAt;
    /** {@code {bankCode, accountNumber, holderName}} the buyer typed into the widget, or null. */
    Map<String, Object> widgetRefundAccount;

    TossPayment(String paymentKey, String orderId, String orderName, TossEmulator.Method method, long amount,
            String customerName, Instant now, Duration sessionTtl, Duration virtualAccountValidity) {
        this.paymentKey = paymentKey;
        this.orderId = orderId;
        this.orderName = orderName;
        this.method = method;
        this.totalAmount = amount;
        this.balanceAmount = amount;
        this.customerName = customerName;
        this.requestedAt = now;
        this.sessionExpiresAt = now.plus(sessionTtl);
        this.virtualAccountValidity = virtualAccountValidity;
    }

    /** Applies what time did: session expiry, virtual-account due date, the 2-day refund. */
    void refresh(Instant now) {
        if ("IN_PROGRESS".equals(status) && now.isAfter(sessionExpiresAt)) {
            status = "EXPIRED";
        }
        if ("PENDING".equals(refundStatus) && refundRequestedAt != null
                && !now.isBefore(refundRequestedAt.plus(REFUND_DELAY))) {
            refundStatus = "COMPLETED";
        }
    }

    boolean virtualAccountExpired(Instant now) {
        return dueDate != null && "WAITING_FOR_DEPOSIT".equals(status) && now.isAfter(dueDate);
    }

    /** The Toss method name, in Korean as Toss answers by default. */
    String methodName() {
        return method == TossEmulator.Method.CARD ? "카드" : "가상계좌";
    }

    static String time(Instant instant) {
        return instant == null ? null : OFFSET_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atOffset(KST));
    }

    long vat() {
        return Math.round(balanceAmount / 11.0);
    }

    Map<String, Object> toJson(Instant now, String baseUrl) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("mId", "tnoshowping01");
        p.put("lastTransactionKey", lastTransactionKey);
        p.put("paymentKey", paymentKey);
        p.put("orderId", orderId);
        p.put("orderName", orderName);
        p.put("taxExemptionAmount", 0);
        p.put("status", status);
        p.put("requestedAt", time(requestedAt));
        p.put("approvedAt", time(approvedAt));
        p.put("useEscrow", false);
        p.put("cultureExpense", false);
        p.put("card", card);
        p.put("virtualAccount", virtualAccountJson(now));
        p.put("transfer", null);
        p.put("mobilePhone", null);
        p.put("giftCertificate", null);
        p.put("cashReceipt", null);
        p.put("cashReceipts", null);
        p.put("discount", null);
        p.put("cancels", cancels.isEmpty() ? null : List.copyOf(cancels));
        p.put("secret", secret);
        p.put("type", "NORMAL");
        p.put("easyPay", null);
        p.put("country", "KR");
        p.put("failure", failure);
        p.put("isPartialCancelable", true);
        p.put("receipt", approvedAt == null && accountNumber == null ? null
                : Map.of("url", baseUrl + "/_local/toss/receipt/" + paymentKey));
        p.put("checkout", Map.of("url", baseUrl + "/v1/payments/" + paymentKey + "/checkout"));
        p.put("currency", "KRW");
        p.put("totalAmount", totalAmount);
        p.put("balanceAmount", balanceAmount);
        long vat = vat();
        p.put("suppliedAmount", balanceAmount - vat);
        p.put("vat", vat);
        p.put("taxFreeAmount", 0);
        p.put("method", methodName());
        p.put("version", "2022-11-16");
        p.put("metadata", null);
        return p;
    }

    private Map<String, Object> virtualAccountJson(Instant now) {
        if (accountNumber == null) {
            return null;
        }
        Map<String, Object> va = new LinkedHashMap<>();
        va.put("accountType", "일반");
        va.put("accountNumber", accountNumber);
        va.put("bankCode", bankCode);
        va.put("customerName", customerName);
        va.put("dueDate", time(dueDate));
        va.put("refundStatus", refundStatus);
        va.put("expired", virtualAccountExpired(now));
        va.put("settlementStatus", "INCOMPLETED");
        // the buyer's refund account typed into the widget, which Toss shows for 30 minutes only
        va.put("refundReceiveAccount", widgetRefundAccount != null
                && now.isBefore(requestedAt.plus(WIDGET_REFUND_ACCOUNT_SHOWN)) ? widgetRefundAccount : null);
        va.put("depositorName", depositorName);
        return va;
    }
}
