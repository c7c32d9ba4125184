package dev.noshowping.payment.payout;

/**
 * A payout's status at Toss. It is accepted as {@link #REQUESTED} and ends {@link #COMPLETED},
 * {@link #FAILED} (with an error: the bank refused the transfer) or {@link #CANCELED}; each change is
 * a {@code payout.changed} webhook. {@link #UNKNOWN} stands for a value Toss adds later.
 */
public enum PayoutStatus {
    REQUESTED, IN_PROGRESS, COMPLETED, FAILED, CANCELED, UNKNOWN;

    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == CANCELED;
    }

    /** Toss may add values without a new API version; those read as UNKNOWN rather than failing the answer. */
    public static PayoutStatus of(String value) {
        for (PayoutStatus s : values()) {
            if (s.name().equals(value)) {
                return s;
            }
        }
        return UNKNOWN;
    }
}
