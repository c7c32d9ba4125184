package dev.noshowping.article;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code POST /articles} body. Every field is nullable so that validation can report all missing
 * ones at once; {@link ArticleRules} decides what is required.
 */
public record NewArticle(String title, String description, String accommodationName, String region,
                         LocalDate checkIn, LocalDate checkOut, Long originalPrice, Long salePrice,
                         ServiceProduct serviceProduct, Reservation reservation, List<Long> screenshotIds,
                         List<String> externalLinks) {

    public record ServiceProduct(String roomType, Integer guests, ObjectNode options) {
    }

    public record Reservation(String bookingPlatform, String bookingReference, String guestName, String transferMethod) {
    }
}
