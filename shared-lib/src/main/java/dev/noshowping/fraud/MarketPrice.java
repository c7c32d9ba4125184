package dev.noshowping.fraud;

import dev.noshowping.crawl.ListingTitle;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the crawled market asks for a stay: the median price of the listings that name the place (the
 * database found those) and, in their title, the check-in day as Korean sellers write it ("12/24",
 * "12.24", "12월 24일"). Too few such listings say nothing.
 */
public final class MarketPrice {

    /** Fewer listings than this are no market. */
    static final int MIN_LISTINGS = 3;
    /** An article below half or above one and a half times the median is far from it. */
    static final double LOW = 0.5;
    static final double HIGH = 1.5;

    /** A crawled listing that names the place. */
    public record Listing(String title, long price) {
    }

    /** The median of the listings of {@code checkIn}, and how many they are. */
    public record Median(long price, int listings) {

        boolean far(long salePrice) {
            return salePrice < price * LOW || salePrice > price * HIGH;
        }
    }

    private MarketPrice() {
    }

    public static Optional<Median> median(LocalDate checkIn, List<Listing> listings) {
        Pattern day = checkInPattern(checkIn);
        long[] prices = listings.stream().filter(l -> l.price() > 0 && day.matcher(l.title()).find())
                .mapToLong(Listing::price).sorted().toArray();
        if (prices.length < MIN_LISTINGS) {
            return Optional.empty();
        }
        int mid = prices.length / 2;
        long median = prices.length % 2 == 1 ? prices[mid] : (prices[mid - 1] + prices[mid]) / 2;
        return Optional.of(new Median(median, prices.length));
    }

    static Pattern checkInPattern(LocalDate checkIn) {
        return ListingTitle.dayPattern(checkIn);
    }
}
