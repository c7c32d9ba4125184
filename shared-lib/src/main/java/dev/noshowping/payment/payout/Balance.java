package dev.noshowping.payment.payout;

/**
 * The platform's payout balance in KRW ({@code GET /v2/balances}): {@code available} can be paid out now,
 * {@code pending} is sales Toss has not settled to us yet (it becomes available on the settlement cycle).
 */
public record Balance(long pending, long available) {
}
