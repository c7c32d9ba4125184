package dev.noshowping.order;

/** Why a buyer disputes. */
public enum DisputeReason {
    /** The seller said it was transferred, but the booking is not in the buyer's name. */
    NOT_TRANSFERRED,
    /** The name on the booking is not the one the buyer gave. */
    NAME_NOT_CHANGED,
    /** The hotel does not know the booking, or it was cancelled. */
    BOOKING_INVALID,
    /** Room, dates or guests differ from the article. */
    NOT_AS_DESCRIBED,
    OTHER
}
