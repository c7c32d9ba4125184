package dev.noshowping.crawl;

import dev.noshowping.config.Environment;
import java.time.Duration;

/**
 * Where the marketplaces are and how politely we read them. Base URLs are configuration, so the
 * same code reads the real sites in AWS and the emulator locally.
 *
 * @param hostConcurrency requests in flight at once per host, per execution environment
 * @param hostRatePerSecond requests started per second per host, at most
 * @param maxPages a safety cap on one task's pages; the stop rule (empty or all-known page) ends walks long before
 * @param bunjangPageSize {@code n} of Bunjang's search (≤ 200)
 */
public record CrawlSettings(String bunjangBaseUrl, String joongnaBaseUrl, String joongnaApiBaseUrl,
                            int hostConcurrency, double hostRatePerSecond, int maxPages, int bunjangPageSize,
                            Duration requestTimeout, int maxAttempts, String userAgent) {

    public static CrawlSettings from(Environment env) {
        return new CrawlSettings(
                env.get("BUNJANG_BASE_URL", "https://api.bunjang.co.kr"),
                env.get("JOONGNA_BASE_URL", "https://web.joongna.com"),
                env.get("JOONGNA_API_BASE_URL", "https://product-api.joongna.com"),
                env.getInt("CRAWL_HOST_CONCURRENCY", 2),
                Double.parseDouble(env.get("CRAWL_HOST_RATE_PER_SECOND", "4")),
                env.getInt("CRAWL_MAX_PAGES", 100),
                env.getInt("CRAWL_BUNJANG_PAGE_SIZE", 100),
                Duration.ofMillis(env.getInt("CRAWL_TIMEOUT_MILLIS", 10_000)),
                env.getInt("CRAWL_MAX_ATTEMPTS", 3),
                env.get("CRAWL_USER_AGENT", "NoshowpingBot/1.0 (+https://noshowping.com/bot)"));
    }
}
