package dev.noshowping.order;

/** {@code POST /payments/confirm} body: what the Toss payment widget handed the app. */
public record PaymentConfirmation(String paymentKey, String orderId, Long amount) {
}
