package dev.noshowping.domain;

/** The request collides with what exists or with the caller's own recent actions; clients switch on {@link #reason()}. */
public final class Conflict extends DomainException {

    /** Which collision: stable, since clients act differently on each. */
    public enum Reason {
        /** Taken by someone else, already done, or changed since it was read. */
        TAKEN,
        /** The buyer holds as many unpaid articles as one buyer may. */
        HOLD_LIMIT,
        /** The buyer let this very article go unpaid too recently to hold it again. */
        HOLD_AGAIN_LATER,
        /** The user keeps as many saved searches as one user may. */
        SAVED_SEARCH_LIMIT,
        /** The user watches as many articles as one user may. */
        WATCH_LIMIT,
        /** An Idempotency-Key sent again with a different request than the one it first came with. */
        KEY_REUSED
    }

    private final Reason reason;

    public Conflict(String message) {
        this(Reason.TAKEN, message);
    }

    public Conflict(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
