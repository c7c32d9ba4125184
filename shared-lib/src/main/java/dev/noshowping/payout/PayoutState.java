package dev.noshowping.payout;

/** Where one of our payouts is. Toss's own statuses ({@code payment.payout.PayoutStatus}) map onto the last three. */
public enum PayoutState {
    /** Settlements claimed into it; not sent yet (or sent, refused as a whole, and waiting for the next run). */
    PENDING,
    /** In a request to Toss whose answer may never have been read: the next run looks it up before anything else. */
    SENDING,
    /** Toss took it; the money is on its way. */
    REQUESTED,
    COMPLETED,
    /** Toss could not pay it (an invalid account, say); tried again under a new refPayoutId until the limit. */
    FAILED
}
