package dev.noshowping.crawl;

/** {@code POST /admin/crawl/keywords} body: a keyword the crawler should search for, and why. */
public record KeywordChange(String keyword, String reason) {
}
