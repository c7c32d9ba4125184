package dev.noshowping.article;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One article as {@code GET /articles/{id}} shows it. {@code reservation.bookingReference} only to the owner and a paying buyer. */
public record ArticleDetail(long id, ArticleStatus status, int version, String title, String description,
                            String accommodationName, String region, LocalDate checkIn, LocalDate checkOut,
                            long originalPrice, long salePrice, Seller merchant, Product serviceProduct,
                            Booking reservation, List<Long> screenshotIds, List<Link> externalLinks,
                            Instant createdAt, Instant updatedAt) {

    public record Seller(long id, String merchantName) {
    }

    public record Product(String roomType, int guests, JsonNode options) {
    }

    public record Booking(String bookingPlatform, String guestName, String transferMethod, String bookingReference) {
    }

    public record Link(String source, String externalId, String url) {
    }
}
