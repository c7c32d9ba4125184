package dev.noshowping.payment.payout;

/** Why a payout FAILED: the {@code error} of Toss's Payout object. */
public record PayoutFailure(String code, String message) {
}
