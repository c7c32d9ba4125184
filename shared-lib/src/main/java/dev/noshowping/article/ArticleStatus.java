package dev.noshowping.article;

/** Where an article is: only {@code ON_SALE} is in the catalogue and can be held. */
public enum ArticleStatus {
    ON_SALE,
    /** Held by a buyer's order that is not paid yet. */
    RESERVED,
    /** Paid for: the booking is changing hands (or has). */
    SOLD,
    SOLD_ELSEWHERE,
    /** Its check-in is too near (or past) to sell it. */
    EXPIRED,
    /** Out of the catalogue for good: the seller withdrew it, or a paid order of it was refunded. */
    WITHDRAWN,
    /** Out of the catalogue by staff's decision (a fraud, a rule broken), until staff restore it. */
    TAKEN_DOWN;

    /** Withdrawn or taken down: nobody but its seller and staff sees it. */
    public boolean outOfCatalogue() {
        return this == WITHDRAWN || this == TAKEN_DOWN;
    }

    /** Sold (here or elsewhere), expired or withdrawn: it never goes on sale again nor changes its price. */
    public boolean ended() {
        return this == SOLD || this == SOLD_ELSEWHERE || this == EXPIRED || this == WITHDRAWN;
    }
}
