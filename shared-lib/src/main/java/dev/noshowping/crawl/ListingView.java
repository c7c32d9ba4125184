package dev.noshowping.crawl;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A crawled listing as {@code GET /listings} shows it. */
public record ListingView(long id, MarketSource source, String externalId, String title, long price, String url,
                          SaleStatus saleStatus,
                          @JsonInclude(JsonInclude.Include.ALWAYS) Instant postedAt, Instant firstSeenAt, Instant lastSeenAt) {
}
