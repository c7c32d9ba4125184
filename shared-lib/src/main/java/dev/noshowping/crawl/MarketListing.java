package dev.noshowping.crawl;

import java.time.Instant;

/**
 * One listing as a marketplace shows it, in our terms. {@code saleStatus} is one of SELLING,
 * RESERVED, SOLD, DELETED, UNKNOWN (the values {@code crawled_listing.sale_status} accepts).
 */
public record MarketListing(String source, String externalId, String title, long price, String url,
                            String saleStatus, Instant postedAt) {
}
