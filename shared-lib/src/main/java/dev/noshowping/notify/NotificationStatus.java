package dev.noshowping.notify;

/** Where one notification is: {@code PENDING} until a delivery sends it, fails it for good or skips it. */
public enum NotificationStatus {
    PENDING, SENT, FAILED, SKIPPED;

    /** Sent or given up on: a later delivery of the same message does nothing. */
    public boolean finished() {
        return this != PENDING;
    }

}
