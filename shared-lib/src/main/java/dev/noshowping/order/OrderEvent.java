package dev.noshowping.order;

/** What can happen to an order. Who may cause each one is the use case's decision; where it leads is {@link OrderTransitions}'. */
public enum OrderEvent {
    /** The buyer's confirm call wins the claim. */
    CONFIRM_STARTED,
    /** Toss issued a virtual account; the buyer has to deposit. */
    DEPOSIT_AWAITED,
    /** Toss says the payment is DONE (card confirmed, or the deposit arrived). */
    PAYMENT_DONE,
    /** Toss refused the confirm. */
    PAYMENT_FAILED,
    /** The hold ran out before any payment. */
    HOLD_EXPIRED,
    /** The payment expired at Toss (virtual account past its due date). */
    PAYMENT_EXPIRED,
    /** The buyer ends an unpaid order. */
    BUYER_CANCELED,
    /** Toss says the whole payment is canceled: before a deposit nothing was taken; after, it was refunded. */
    PAYMENT_CANCELED,
    /** The seller says the booking is in the buyer's name. */
    TRANSFERRED,
    /** The buyer says they have the booking. */
    RECEIVED,
    /** Nobody disputed by the auto-confirm time. */
    AUTO_CONFIRMED,
    /** The buyer disputes before completion. */
    DISPUTED,
    /** The seller cancels before transferring: a full refund. */
    SELLER_CANCELED,
    /** The seller missed the transfer deadline: a full refund. */
    TRANSFER_DEADLINE_MISSED,
    /** Staff resolve a dispute with a full or partial refund. */
    RESOLVED_WITH_REFUND,
    /** Staff resolve a dispute for the seller. */
    RESOLVED_WITH_RELEASE,
    /** Toss refunded the whole amount owed. */
    REFUND_DONE,
    /** Toss refunded part of the payment; the rest is the seller's. */
    PARTIAL_REFUND_DONE
}
