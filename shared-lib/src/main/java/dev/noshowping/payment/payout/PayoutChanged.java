package dev.noshowping.payment.payout;

import java.time.OffsetDateTime;

/**
 * A {@code payout.changed} webhook: the Payout object after the change. {@code failure} is null unless
 * the payout FAILED. {@code eventId} identifies the event, so a retried delivery can be recognised.
 */
public record PayoutChanged(String eventId, OffsetDateTime createdAt, String payoutId, String refPayoutId,
        PayoutStatus status, PayoutFailure failure, TossPayout payout) {
}
