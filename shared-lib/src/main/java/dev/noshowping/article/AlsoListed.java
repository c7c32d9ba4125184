package dev.noshowping.article;

import dev.noshowping.crawl.SaleStatus;
import java.time.Instant;

/** A crawled marketplace listing that is the same booking as an article, and why we think so. */
public record AlsoListed(String source, String externalId, String url, String title, long price, SaleStatus saleStatus,
                         Instant lastSeenAt, Match match) {

    public enum Match {
        /** The seller's own marketplace link names this listing. */
        LINK,
        /** Its title names the place (and the check-in day, where it names a day) at about the same price. */
        SIMILAR
    }
}
