package dev.noshowping.payment.payout;

/** When Toss pays: {@code EXPRESS} as soon as it can, {@code SCHEDULED} on the request's {@code payoutDate}. */
public enum ScheduleType {
    EXPRESS, SCHEDULED
}
