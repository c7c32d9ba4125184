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
                            Instant createdAt, Instant updatedAt, List<AlsoListed> alsoListed, boolean watching) {

    /**
     * The same with what only the caller's read adds: the crawled listings that are this booking on
     * another market ({@link CrossPosts}) and whether the caller watches it ({@code POST /articles/{id}/watch}).
     */
    public ArticleDetail forCaller(List<AlsoListed> listings, boolean callerWatches) {
        return new ArticleDetail(id, status, version, title, description, accommodationName, region, checkIn, checkOut,
                originalPrice, salePrice, merchant, serviceProduct, reservation, screenshotIds, externalLinks, createdAt,
                updatedAt, listings, callerWatches);
    }

    public record Seller(long id, String merchantName) {
    }

    public record Product(String roomType, int guests, JsonNode options) {
    }

    public record Booking(String bookingPlatform, String guestName, String transferMethod, String bookingReference) {
    }

    public record Link(String source, String externalId, String url) {
    }
}
