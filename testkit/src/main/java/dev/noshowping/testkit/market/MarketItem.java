package dev.noshowping.testkit.market;

import java.time.Instant;

/**
 * One listing of the emulated catalogue, in source-neutral terms; {@link BunjangAnswers} and {@link JoongnaAnswers}
 * spell it the way each marketplace does.
 *
 * @param source   {@code BUNJANG} or {@code JOONGNA} (as in {@code MarketListing.source()})
 * @param id       Bunjang {@code pid} / Joongna {@code seq}: 9 digits, unique within the source
 * @param postedAt Bunjang {@code update_time}, Joongna {@code sortDate}; search results are ordered by it, newest first
 * @param location a Korean address ("제주특별자치도 제주시"); Joongna shows only its last part ("제주시")
 * @param seller   the shop name Bunjang's detail answer carries
 */
public record MarketItem(String source, String id, String title, long price, ListingState state, Instant postedAt,
                         String location, String seller) {

    public MarketItem withState(ListingState next) {
        return new MarketItem(source, id, title, price, next, postedAt, location, seller);
    }

    /** Newest first; equal times by id, highest first, so every page boundary is stable. */
    static int newestFirst(MarketItem a, MarketItem b) {
        int byDate = b.postedAt().compareTo(a.postedAt());
        return byDate != 0 ? byDate : Long.compare(Long.parseLong(b.id()), Long.parseLong(a.id()));
    }
}
