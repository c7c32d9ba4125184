package dev.noshowping.article;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noshowping.crawl.ListingTitle;
import dev.noshowping.crawl.SaleStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which crawled listings are the same booking as an article: one rule at a time, with its near misses. */
class CrossPostsTest {

    static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    static final LocalDate CHRISTMAS_EVE = LocalDate.of(2026, 12, 24);
    static final long SALE = 300_000;

    static CrossPosts.Candidate listing(String title, long price, Duration seenAgo, SaleStatus status,
                                        boolean linkedHere, boolean linkedElsewhere) {
        return new CrossPosts.Candidate(1, new AlsoListed("BUNJANG", "1", "https://m.bunjang.co.kr/products/1", title, price,
                status, NOW.minus(seenAgo), null), linkedHere, linkedElsewhere);
    }

    static CrossPosts.Candidate similar(String title, long price) {
        return listing(title, price, Duration.ofDays(1), SaleStatus.SELLING, false, false);
    }

    static Optional<AlsoListed.Match> match(CrossPosts.Candidate c) {
        return CrossPosts.match(c, "한라호텔", CHRISTMAS_EVE, SALE, NOW);
    }

    @Test
    void theSellersOwnLinkIsTheSameBookingWhateverItSays() {
        var old = listing("전혀 다른 제목", 1, Duration.ofDays(400), SaleStatus.SOLD, true, false);
        assertThat(match(old)).contains(AlsoListed.Match.LINK);
    }

    @Test
    void theSamePlaceAtAboutThePriceIsSimilar() {
        assertThat(match(similar("제주 한라호텔 12/24 양도", 300_000))).contains(AlsoListed.Match.SIMILAR);
        assertThat(match(similar("제주 한라호텔 양도 (날짜 문의)", 300_000))).as("no day to read").contains(AlsoListed.Match.SIMILAR);
    }

    @Test
    void thePriceMustBeWithinTheBand() {
        assertThat(match(similar("한라호텔 양도", 240_000))).contains(AlsoListed.Match.SIMILAR);
        assertThat(match(similar("한라호텔 양도", 360_000))).contains(AlsoListed.Match.SIMILAR);
        assertThat(match(similar("한라호텔 양도", 239_999))).isEmpty();
        assertThat(match(similar("한라호텔 양도", 360_001))).isEmpty();
        assertThat(match(similar("한라호텔 양도", 0))).as("a giveaway").isEmpty();
    }

    @Test
    void anotherPlaceIsNotSimilar() {
        assertThat(match(similar("제주 신라호텔 12/24 양도", 300_000))).isEmpty();
        assertThat(CrossPosts.match(similar("한라호텔 양도", 300_000), "  ", CHRISTMAS_EVE, SALE, NOW))
                .as("a blank place names nothing").isEmpty();
    }

    @Test
    void aListingNotSeenForTwoWeeksIsStale() {
        var fresh = listing("한라호텔 양도", 300_000, Duration.ofDays(14), SaleStatus.SELLING, false, false);
        var stale = listing("한라호텔 양도", 300_000, Duration.ofDays(14).plusSeconds(1), SaleStatus.SELLING, false, false);
        assertThat(match(fresh)).contains(AlsoListed.Match.SIMILAR);
        assertThat(match(stale)).isEmpty();
    }

    @Test
    void aListingLinkedByAnotherArticleIsThatSellersBooking() {
        assertThat(match(listing("한라호텔 12/24 양도", 300_000, Duration.ofDays(1), SaleStatus.SELLING, false, true)))
                .isEmpty();
    }

    @Test
    void aDeletedListingIsNotListedThere() {
        assertThat(match(listing("한라호텔 양도", 300_000, Duration.ofDays(1), SaleStatus.DELETED, false, false))).isEmpty();
        assertThat(match(listing("한라호텔 양도", 300_000, Duration.ofDays(1), SaleStatus.SOLD, false, false)))
                .as("sold there is worth knowing").contains(AlsoListed.Match.SIMILAR);
    }

    @Test
    void aDayTheTitleNamesMustBeTheCheckInDay() {
        assertThat(match(similar("한라호텔 12월 24일 1박", 300_000))).contains(AlsoListed.Match.SIMILAR);
        assertThat(match(similar("한라호텔 12/23~12/24 2박", 300_000))).as("one of its days").contains(AlsoListed.Match.SIMILAR);
        assertThat(match(similar("한라호텔 12/25 양도", 300_000))).isEmpty();
        assertThat(match(similar("한라호텔 1월 3일 양도", 300_000))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"12/25 양도|true", "1월 3일|true", "01.03|true", "2인 3박|false",
        "날짜 미정|false", "13/40|false", "100/200|false", "30만원|false"})
    void aTitleHoldsADayWeCanRead(String title, boolean holds) {
        assertThat(new ListingTitle(title).namesSomeDay()).isEqualTo(holds);
    }

    @Test
    void linksComeFirstAndGuessesOnlyToWhoMayHaveThem() {
        var article = new ArticleDetail(1, ArticleStatus.ON_SALE, 0, "t", "d", "한라호텔", "JEJU", CHRISTMAS_EVE,
                CHRISTMAS_EVE.plusDays(1), 320_000, SALE, null, null, null, List.of(), List.of(), NOW, NOW, List.of(), false);
        var link = listing("내 글", 300_000, Duration.ofDays(3), SaleStatus.SELLING, true, false);
        var older = listing("한라호텔 양도", 300_000, Duration.ofDays(2), SaleStatus.SELLING, false, false);
        var newer = listing("한라호텔 12/24", 290_000, Duration.ofHours(1), SaleStatus.RESERVED, false, false);
        var miss = similar("신라호텔", 300_000);

        assertThat(CrossPosts.of(article, List.of(older, miss, link, newer), NOW, true))
                .extracting(AlsoListed::title, AlsoListed::match)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("내 글", AlsoListed.Match.LINK),
                        org.assertj.core.groups.Tuple.tuple("한라호텔 12/24", AlsoListed.Match.SIMILAR),
                        org.assertj.core.groups.Tuple.tuple("한라호텔 양도", AlsoListed.Match.SIMILAR));
        assertThat(CrossPosts.of(article, List.of(older, link, newer), NOW, false))
                .extracting(AlsoListed::match).containsExactly(AlsoListed.Match.LINK);
    }
}
