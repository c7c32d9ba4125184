package dev.noshowping.order;

/** How staff resolve a dispute. */
public enum DisputeOutcome {
    /** All the money back to the buyer. */
    REFUND,
    /** Part back to the buyer, the rest to the seller. */
    PARTIAL_REFUND,
    /** All the money to the seller. */
    RELEASE
}
