package dev.noshowping.admin;

import dev.noshowping.domain.Validation;

/**
 * The body of every staff action ({@code {"reason": "…"}}): why it was taken, kept in the audit log
 * and, where the action tells someone, in what they are told.
 */
public record StaffNote(String reason) {

    public static final int MAX_REASON = 500;

    /** The reason, checked: required, not blank, at most {@link #MAX_REASON} characters. */
    public String checkedReason() {
        Validation v = new Validation();
        v.text("reason", reason, 1, MAX_REASON);
        v.throwIfInvalid();
        return reason.strip();
    }
}
