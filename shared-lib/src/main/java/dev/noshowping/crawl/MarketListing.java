package dev.noshowping.crawl;

import java.time.Instant;

/** One listing as a marketplace shows it, in our terms. */
public record MarketListing(MarketSource source, String externalId, String title, long price, String url,
                            SaleStatus saleStatus, Instant postedAt) {
}
