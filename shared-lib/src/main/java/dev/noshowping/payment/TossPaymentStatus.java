package dev.noshowping.payment;

/**
 * A payment's status as Toss gives it (webhooks and look-ups). {@link #UNKNOWN} stands for a value
 * Toss adds later: an answer is never refused for a status we do not know, it just settles nothing.
 */
public enum TossPaymentStatus {
    READY, IN_PROGRESS, WAITING_FOR_DEPOSIT, DONE, CANCELED, PARTIAL_CANCELED, ABORTED, EXPIRED, UNKNOWN;

    /** Toss's text as a status; null, blank and anything new read as {@link #UNKNOWN}. */
    public static TossPaymentStatus of(String value) {
        for (TossPaymentStatus s : values()) {
            if (s.name().equals(value)) {
                return s;
            }
        }
        return UNKNOWN;
    }

    /** Authenticated at most: Toss has not taken (or refused) the money yet. */
    public boolean notConfirmed() {
        return this == READY || this == IN_PROGRESS;
    }
}
