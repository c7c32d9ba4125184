package dev.noshowping.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.noshowping.domain.FieldError;
import dev.noshowping.domain.Invalid;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@code GET /articles} parameters: what a search is asked for, and every way of asking wrongly. */
class ArticleQueryTest {

    @Test
    void qIsSplitIntoItsWordsOnceEach() {
        ArticleQuery q = ArticleQuery.parse(Map.of("q", "  제주  한라호텔\t제주 "));
        assertThat(q.words()).containsExactly("제주", "한라호텔");
        assertThat(ArticleQuery.parse(Map.of()).words()).isEmpty();
    }

    @Test
    void theDefaultsAreTheCatalogueBySoonestStay() {
        ArticleQuery q = ArticleQuery.parse(null);
        assertThat(q.status()).isEqualTo(ArticleStatus.ON_SALE);
        assertThat(q.sort()).isEqualTo(ArticleQuery.Sort.CHECK_IN);
        assertThat(q.limit()).isEqualTo(ArticleQuery.DEFAULT_LIMIT);
        assertThat(q.guests()).isNull();
    }

    @Test
    void aStayRangeBoundsTheCheckInByTheLongestStay() {
        ArticleQuery q = ArticleQuery.parse(Map.of("stayFrom", "2026-12-24", "stayTo", "2026-12-26", "guests", "3"));
        assertThat(q.stayFrom()).isEqualTo(LocalDate.parse("2026-12-24"));
        assertThat(q.stayTo()).isEqualTo(LocalDate.parse("2026-12-26"));
        assertThat(q.guests()).isEqualTo(3);
        assertThat(q.earliestOverlappingCheckIn()).isEqualTo(LocalDate.parse("2026-12-24").minusDays(ArticleRules.MAX_NIGHTS));
    }

    @Test
    void eachSortHasItsOwnCursorAndRefusesAnother() {
        var row = new ArticleSummary(7, ArticleStatus.ON_SALE, "t", "h", "JEJU", LocalDate.parse("2026-12-24"),
                LocalDate.parse("2026-12-25"), 2, 200_000, 150_000, "m", Instant.parse("2026-11-01T00:00:00Z"));
        String price = ArticleQuery.encode(row, ArticleQuery.Sort.PRICE);
        assertThat(ArticleQuery.decode(price, ArticleQuery.Sort.PRICE))
                .isEqualTo(new ArticleQuery.Position(null, null, 150_000L, 7));
        assertThat(ArticleQuery.decode(price, ArticleQuery.Sort.CHECK_IN)).isNull();
        assertThat(ArticleQuery.decode(price, ArticleQuery.Sort.NEWEST)).isNull();
        String checkIn = ArticleQuery.encode(row, ArticleQuery.Sort.CHECK_IN);
        assertThat(ArticleQuery.decode(checkIn, ArticleQuery.Sort.PRICE)).isNull();
        assertThat(ArticleQuery.decode(checkIn, ArticleQuery.Sort.CHECK_IN).checkIn()).isEqualTo(row.checkIn());
        assertThat(ArticleQuery.decode(ArticleQuery.encode(row, ArticleQuery.Sort.NEWEST), ArticleQuery.Sort.NEWEST)
                .createdAt()).isEqualTo(row.createdAt());

        Invalid wrong = catchThrowableOfType(Invalid.class,
                () -> ArticleQuery.parse(Map.of("sort", "price", "cursor", checkIn)));
        assertThat(wrong.errors()).extracting(FieldError::field).containsExactly("cursor");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "q        | ''",
        "q        | '   '",
        "q        | 집",
        "q        | 제주 a",
        "q        | 가 나 다 라 마 바",
        "q        | 제주\u0000호텔",
        "guests   | 0",
        "guests   | 51",
        "guests   | two",
        "stayFrom | 24.12.2026",
        "sort     | cheapest",
        "cursor   | cA",
    })
    void aBadParameterIsNamed(String name, String value) {
        Invalid e = catchThrowableOfType(Invalid.class, () -> ArticleQuery.parse(Map.of(name, value)));
        assertThat(e).as(name + "=" + value).isNotNull();
        assertThat(e.errors()).extracting(FieldError::field).containsExactly(name);
    }

    @Test
    void aTooLongQOrAStayEndingBeforeItBeginsIsRefused() {
        Invalid longQ = catchThrowableOfType(Invalid.class, () -> ArticleQuery.parse(Map.of("q", "가".repeat(101))));
        assertThat(longQ.errors()).extracting(FieldError::field).containsExactly("q");
        assertThat(ArticleQuery.parse(Map.of("q", "가".repeat(100))).words()).hasSize(1);
        Invalid backwards = catchThrowableOfType(Invalid.class,
                () -> ArticleQuery.parse(Map.of("stayFrom", "2026-12-24", "stayTo", "2026-12-24")));
        assertThat(backwards.errors()).extracting(FieldError::field).containsExactly("stayTo");
    }
}
