package dev.noshowping.crawl;

/** A marketplace did not answer usefully after our retries (timeouts, 5xx, 429 beyond patience). */
public final class MarketUnavailable extends RuntimeException {

    public MarketUnavailable(String message) {
        super(message, null, false, false);
    }
}
