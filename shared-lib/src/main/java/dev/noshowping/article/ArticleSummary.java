package dev.noshowping.article;

import java.time.Instant;
import java.time.LocalDate;

/** A row of {@code GET /articles} and {@code GET /merchants/me/articles}. */
public record ArticleSummary(long id, ArticleStatus status, String title, String accommodationName, String region,
                             LocalDate checkIn, LocalDate checkOut, int guests, long originalPrice, long salePrice,
                             String merchantName, Instant createdAt) {
}
