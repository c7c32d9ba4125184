package dev.noshowping.admin;

/** The kind of row a staff action is about. */
public enum AdminTarget {
    MERCHANT,
    ARTICLE,
    ORDER,
    PAYOUT,
    CRAWL_RUN,
    CRAWL_KEYWORD,
    /** A row of {@code queue_redrive}. */
    QUEUE_REDRIVE
}
