package dev.noshowping.payment.payout;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One item of a payout request ({@code POST /v2/payouts}). {@code refPayoutId} is ours and unique per
 * payout for good: it is what finds the payout again when an answer was lost. {@code destination} is
 * Toss's seller id. {@code amount} is in KRW. {@code payoutDate} is required for
 * {@link ScheduleType#SCHEDULED} and ignored by Toss for {@link ScheduleType#EXPRESS} (null there).
 * {@code description} is the transfer's memo on the seller's bank statement.
 */
public record PayoutRequest(String refPayoutId, String destination, long amount, ScheduleType scheduleType,
        LocalDate payoutDate, String description) {

    public PayoutRequest {
        Objects.requireNonNull(refPayoutId, "refPayoutId");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(scheduleType, "scheduleType");
        Objects.requireNonNull(description, "description");
        if (refPayoutId.isBlank()) {
            throw new IllegalArgumentException("refPayoutId must not be blank");
        }
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive, got " + amount);
        }
        if (scheduleType == ScheduleType.SCHEDULED && payoutDate == null) {
            throw new IllegalArgumentException("a SCHEDULED payout needs a payoutDate");
        }
    }

    public static PayoutRequest express(String refPayoutId, String destination, long amount, String description) {
        return new PayoutRequest(refPayoutId, destination, amount, ScheduleType.EXPRESS, null, description);
    }

    public static PayoutRequest scheduled(String refPayoutId, String destination, long amount, LocalDate payoutDate,
            String description) {
        return new PayoutRequest(refPayoutId, destination, amount, ScheduleType.SCHEDULED, payoutDate, description);
    }
}
