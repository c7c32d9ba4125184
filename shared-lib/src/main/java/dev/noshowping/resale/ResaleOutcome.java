package dev.noshowping.resale;

/** What one look-up of an article's marketplace listing found. */
public enum ResaleOutcome {
    STILL_LISTED,
    SOLD_ELSEWHERE,
    /** The listing's endpoint no longer answers for it. */
    LISTING_GONE,
    /** The marketplace could not be read: looked at again next time. */
    ERROR,
    /**
     * A listing that is only probably this booking ({@code CrossPosts}, not the seller's link) was
     * sold: the seller is asked, the article stays on sale.
     */
    SIMILAR_SOLD
}
