package dev.noshowping.article;

import dev.noshowping.crawl.ListingTitle;
import dev.noshowping.crawl.SaleStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which crawled listings are the same booking as an article. The seller's own link is proof; a
 * listing of the same place, day and price is a guess, shown only to the seller and staff.
 */
public final class CrossPosts {

    /**
     * A crawl stops at the first page it already knows, so a listing still up is seen again only
     * while it is among the newest; two weeks covers a cross-post made around the article's own.
     */
    public static final Duration SEEN_WITHIN = Duration.ofDays(14);
    /** A seller cross-posting one booking asks about the same price everywhere (fees aside). */
    static final double PRICE_BAND = 0.2;
    /** Guesses shown at most: a popular place has many listings, the nearest in time come first. */
    static final int MAX_SIMILAR = 10;
    /** Listings naming the place read for an article: the most recently seen, enough for a popular place. */
    public static final int CANDIDATES = 200;

    /** A listing the database found for the article ({@code crawled_listing.id}): linked by its seller, or naming its place. */
    public record Candidate(long listingId, AlsoListed listing, boolean linkedHere, boolean linkedElsewhere) {
    }

    private CrossPosts() {
    }

    /**
     * The article's cross-posts: its links first, then the guesses (when {@code withGuesses}), most
     * recently seen first.
     */
    public static List<AlsoListed> of(ArticleDetail article, List<Candidate> candidates, Instant now, boolean withGuesses) {
        List<AlsoListed> links = new ArrayList<>();
        List<AlsoListed> similar = new ArrayList<>();
        for (Candidate c : candidates) {
            match(c, article.accommodationName(), article.checkIn(), article.salePrice(), now).ifPresent(m ->
                    (m == AlsoListed.Match.LINK ? links : similar).add(withMatch(c.listing(), m)));
        }
        Comparator<AlsoListed> newest = Comparator.comparing(AlsoListed::lastSeenAt).reversed();
        links.sort(newest);
        similar.sort(newest);
        List<AlsoListed> out = new ArrayList<>(links);
        if (withGuesses) {
            out.addAll(similar.subList(0, Math.min(MAX_SIMILAR, similar.size())));
        }
        return List.copyOf(out);
    }

    /**
     * The guesses the resale check looks up as well: SIMILAR, and the title names the check-in day
     * itself. A guess that names no day is too loose to ask a seller about.
     */
    public static List<Candidate> confidentGuesses(String place, LocalDate checkIn, long salePrice,
                                                   List<Candidate> candidates, Instant now) {
        return candidates.stream()
                .filter(c -> match(c, place, checkIn, salePrice, now).orElse(null) == AlsoListed.Match.SIMILAR
                        && new ListingTitle(c.listing().title()).namesDay(checkIn))
                .toList();
    }

    /**
     * LINK: the article's own link names the listing, whatever it says. Otherwise SIMILAR when no
     * other article links it (it is that seller's booking), it is not deleted, seen within
     * {@link #SEEN_WITHIN}, its title names the place, its price is within {@link #PRICE_BAND} of the
     * sale price, and any day its title names includes the check-in day.
     */
    static Optional<AlsoListed.Match> match(Candidate c, String place, LocalDate checkIn, long salePrice, Instant now) {
        if (c.linkedHere()) {
            return Optional.of(AlsoListed.Match.LINK);
        }
        AlsoListed l = c.listing();
        ListingTitle title = new ListingTitle(l.title());
        boolean similar = !c.linkedElsewhere()
                && l.saleStatus() != SaleStatus.DELETED
                && !l.lastSeenAt().isBefore(now.minus(SEEN_WITHIN))
                && title.namesPlace(place)
                && Math.abs(l.price() - salePrice) <= salePrice * PRICE_BAND
                && (!title.namesSomeDay() || title.namesDay(checkIn));
        return similar ? Optional.of(AlsoListed.Match.SIMILAR) : Optional.empty();
    }

    private static AlsoListed withMatch(AlsoListed l, AlsoListed.Match m) {
        return new AlsoListed(l.source(), l.externalId(), l.url(), l.title(), l.price(), l.saleStatus(), l.lastSeenAt(), m);
    }
}
