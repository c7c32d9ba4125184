package dev.noshowping.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The marketplace formats of the design (fixtures in test resources follow them). */
class MarketPagesTest {

    static String fixture(String name) throws IOException {
        try (InputStream in = MarketPagesTest.class.getResourceAsStream("/marketplaces/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void bunjangSearchSkipsAdsAndMapsStatusAndPrice() throws IOException {
        var listings = BunjangPages.search(fixture("bunjang-search.json"));
        assertThat(listings).extracting(MarketListing::externalId).containsExactly("312345678", "312345679", "312345680");
        assertThat(listings.get(0).saleStatus()).isEqualTo(SaleStatus.SELLING);
        assertThat(listings.get(0).price()).isEqualTo(320000);
        assertThat(listings.get(0).url()).isEqualTo("https://m.bunjang.co.kr/products/312345678");
        assertThat(listings.get(0).postedAt()).isEqualTo(Instant.ofEpochSecond(1764050000));
        assertThat(listings.get(1).saleStatus()).isEqualTo(SaleStatus.SOLD);
        assertThat(listings.get(1).price()).as("'95,000'").isEqualTo(95000);
        assertThat(listings.get(2).saleStatus()).isEqualTo(SaleStatus.RESERVED);
    }

    @Test
    void anEmptyBunjangListEndsTheResults() throws IOException {
        assertThat(BunjangPages.search(fixture("bunjang-empty.json"))).isEmpty();
    }

    @Test
    void bunjangDetailTellsASoldItem() throws IOException {
        assertThat(BunjangPages.detailStatus(fixture("bunjang-detail-sold.json"))).isEqualTo(SaleStatus.SOLD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<html>rate limited</html>", "{\"items\":[]}", "{\"list\":[{\"pid\":\"abc\"}]}"})
    void aChangedBunjangFormatFailsWithAClearError(String body) {
        assertThatThrownBy(() -> BunjangPages.search(body)).isInstanceOf(MarketFormatException.class)
                .hasMessageContaining("Bunjang");
    }

    @ParameterizedTest
    @ValueSource(strings = {"joongna-next-data.html", "joongna-flight.html"})
    void joongnaListingsComeFromEitherEmbeddedForm(String page) throws IOException {
        var listings = JoongnaPages.search(fixture(page));
        assertThat(listings).extracting(MarketListing::externalId).containsExactly("170000001", "170000002");
        assertThat(listings.get(0).title()).isEqualTo("제주 호텔 양도 12/24");
        assertThat(listings.get(0).price()).isEqualTo(280000);
        assertThat(listings.get(0).saleStatus()).isEqualTo(SaleStatus.SELLING);
        assertThat(listings.get(0).url()).isEqualTo("https://web.joongna.com/product/170000001");
        assertThat(listings.get(0).postedAt()).as("sortDate is Korean time").isEqualTo(Instant.parse("2026-11-24T12:10:05Z"));
        assertThat(listings.get(1).saleStatus()).isEqualTo(SaleStatus.SOLD);
    }

    @Test
    void aJoongnaPageWithoutTheDataFailsWithAClearError() throws IOException {
        assertThatThrownBy(() -> JoongnaPages.search(fixture("joongna-changed.html")))
                .isInstanceOf(MarketFormatException.class).hasMessageContaining("get-search-products");
    }

    @Test
    void joongnaDetailTellsASoldItem() throws IOException {
        assertThat(JoongnaPages.detailStatus(fixture("joongna-detail-sold.json"))).isEqualTo(SaleStatus.SOLD);
    }

    @ParameterizedTest
    @CsvSource({"0,SELLING", "1,RESERVED", "3,SOLD", "2,UNKNOWN", "9,UNKNOWN"})
    void joongnaDetailMapsEveryState(int state, String status) {
        assertThat(JoongnaPages.detailStatus("{\"meta\":{\"code\":0},\"data\":{\"seq\":170000001,\"state\":" + state + "}}"))
                .isEqualTo(SaleStatus.valueOf(status));
    }

    @ParameterizedTest
    @ValueSource(strings = {"<html>blocked</html>", "{\"meta\":{\"code\":404},\"data\":null}", "{\"result\":{\"state\":0}}",
            "{\"data\":{\"seq\":1}}", "{\"data\":{\"state\":\"0\"}}"})
    void aChangedJoongnaDetailFailsWithAClearError(String body) {
        assertThatThrownBy(() -> JoongnaPages.detailStatus(body)).isInstanceOf(MarketFormatException.class)
                .hasMessageContaining("Joongna");
    }
}
