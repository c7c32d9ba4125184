package dev.noshowping.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MarketPriceTest {

    static final LocalDate CHRISTMAS_EVE = LocalDate.of(2026, 12, 24);
    static final LocalDate NEW_YEAR = LocalDate.of(2027, 1, 4);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "오션리조트 12/24 양도|true", "오션리조트 12.24~12.26|true", "12 - 24 체크인|true", "12월 24일 1박|true",
        "12월24일|true", "12/25 양도|false", "112/24|false", "12/245|false", "날짜 미정|false"})
    void aTitleNamesTheCheckInDayAsSellersWriteIt(String title, boolean names) {
        assertThat(MarketPrice.checkInPattern(CHRISTMAS_EVE).matcher(title).find()).isEqualTo(names);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1/4 양도|true", "01/04 양도|true", "1월 4일|true", "11/4 양도|false", "1/14|false"})
    void aOneDigitMonthOrDayIsNotPartOfALongerNumber(String title, boolean names) {
        assertThat(MarketPrice.checkInPattern(NEW_YEAR).matcher(title).find()).isEqualTo(names);
    }

    @Test
    void theMedianIsOfTheListingsOfThatDayAndNeedsThreeOfThem() {
        var two = List.of(new MarketPrice.Listing("12/24 양도", 100_000), new MarketPrice.Listing("12/24 양도", 300_000),
                new MarketPrice.Listing("12/25 양도", 1_000));
        assertThat(MarketPrice.median(CHRISTMAS_EVE, two)).as("two listings are no market").isEmpty();

        var four = List.of(new MarketPrice.Listing("12/24 양도", 100_000), new MarketPrice.Listing("12/24 양도", 300_000),
                new MarketPrice.Listing("12월 24일", 200_000), new MarketPrice.Listing("12.24", 220_000),
                new MarketPrice.Listing("12/24 나눔", 0));
        var median = MarketPrice.median(CHRISTMAS_EVE, four).orElseThrow();
        assertThat(median.listings()).as("a giveaway is no price").isEqualTo(4);
        assertThat(median.price()).isEqualTo(210_000);
        assertThat(median.far(104_999)).isTrue();
        assertThat(median.far(105_000)).isFalse();
        assertThat(median.far(315_000)).isFalse();
        assertThat(median.far(315_001)).isTrue();
    }
}
