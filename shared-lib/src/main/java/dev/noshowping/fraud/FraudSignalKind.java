package dev.noshowping.fraud;

/** What made staff's attention worth asking for; each is read from rows, never from secrets in clear. */
public enum FraudSignalKind {
    /** One booking (platform and reference, compared by keyed digest) on two or more live articles. */
    SAME_BOOKING_REFERENCE,
    /** The same screenshot bytes (SHA-256) on two or more live articles. */
    SAME_SCREENSHOT,
    /** A seller whose sales were disputed again and again lately. */
    REPEATED_DISPUTES,
    /** A seller who let the transfer deadline pass again and again lately (each a full refund). */
    MISSED_TRANSFERS,
    /** An article priced far from what the crawled market asks for the same place and check-in. */
    PRICE_FAR_FROM_MARKET
}
