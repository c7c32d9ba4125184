package dev.noshowping.testkit.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.crawl.BunjangPages;
import dev.noshowping.crawl.JoongnaPages;
import dev.noshowping.crawl.MarketFormatException;
import dev.noshowping.crawl.MarketListing;
import dev.noshowping.crawl.SaleStatus;
import dev.noshowping.json.Json;
import dev.noshowping.testkit.market.MarketplaceEmulator.Fault;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The marketplace emulator over a real socket, read with the crawler's own parsers ({@link BunjangPages},
 * {@link JoongnaPages}): whatever the emulator serves must be what those parsers were written against.
 */
class MarketplaceEmulatorTest {

    static final String HOTEL = "호텔 양도";
    static final String PENSION = "펜션 양도";
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static MarketplaceEmulator market;

    @BeforeAll
    static void start() {
        market = MarketplaceEmulator.start(0);
    }

    @AfterAll
    static void stop() {
        market.close();
    }

    @BeforeEach
    void reset() {
        market.reset();
    }

    record Reply(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    static Reply get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(response.statusCode(), response.headers().map(), response.body());
    }

    static Reply post(String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(market.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().map(), response.body());
    }

    static String bunjangSearch(MarketplaceEmulator m, String keyword, int page, int n) {
        return m.bunjangBaseUrl() + "/api/1/find_v2.json?q=" + URLEncoder.encode(keyword, StandardCharsets.UTF_8)
                + "&order=date&page=" + page + "&n=" + n;
    }

    static String joongnaSearch(MarketplaceEmulator m, String keyword, int page) {
        return m.joongnaBaseUrl() + "/search/" + URLEncoder.encode(keyword, StandardCharsets.UTF_8).replace("+", "%20")
                + "?page=" + page;
    }

    static String bunjangDetail(String pid) {
        return market.bunjangBaseUrl() + "/api/pms/v3/products-detail/" + pid + "?viewerUid=-1";
    }

    static String joongnaDetail(String seq) {
        return market.joongnaApiBaseUrl() + "/basic/" + seq + "?increaseViewCount=false";
    }

    /** Page after page until the empty one, as the crawler's stop condition reads it. */
    static List<MarketListing> crawlBunjang(String keyword, int n) throws Exception {
        List<MarketListing> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            Reply reply = get(bunjangSearch(market, keyword, page, n));
            assertThat(reply.status()).isEqualTo(200);
            List<MarketListing> listings = BunjangPages.search(reply.body());
            if (listings.isEmpty()) {
                return all;
            }
            all.addAll(listings);
        }
    }

    static List<MarketListing> crawlJoongna(String keyword) throws Exception {
        List<MarketListing> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            Reply reply = get(joongnaSearch(market, keyword, page));
            assertThat(reply.status()).isEqualTo(200);
            List<MarketListing> listings = JoongnaPages.search(reply.body());
            if (listings.isEmpty()) {
                return all;
            }
            all.addAll(listings);
        }
    }

    static List<String> ids(List<MarketItem> items) {
        return items.stream().map(MarketItem::id).toList();
    }

    static List<String> externalIds(List<MarketListing> listings) {
        return listings.stream().map(MarketListing::externalId).toList();
    }

    /** A parsed listing says what the catalogue holds: title, price, status, time. */
    static void assertSame(MarketListing listing, MarketItem item) {
        assertThat(listing.source().name()).isEqualTo(item.source());
        assertThat(listing.externalId()).isEqualTo(item.id());
        assertThat(listing.title()).isEqualTo(item.title());
        assertThat(listing.price()).isEqualTo(item.price());
        assertThat(listing.saleStatus().name()).isEqualTo(item.state().name());
        assertThat(listing.postedAt()).isEqualTo(item.postedAt());
    }

    // ------------------------------------------------------------------ search pages

    @Test
    void bunjangPagesCarryOneAdEachAndConcatenateToExactlyTheCatalogue() throws Exception {
        market.catalogue(HOTEL, 130);
        List<MarketItem> catalogue = market.items("BUNJANG", HOTEL);
        assertThat(catalogue).hasSize(130);

        List<String> crawled = new ArrayList<>();
        int[] expectedSizes = {50, 50, 30, 0};
        for (int page = 0; page < expectedSizes.length; page++) {
            Reply reply = get(bunjangSearch(market, HOTEL, page, 50));
            assertThat(reply.status()).isEqualTo(200);
            JsonNode list = Json.MAPPER.readTree(reply.body()).get("list");
            List<MarketListing> listings = BunjangPages.search(reply.body());
            assertThat(listings).as("page %d", page).hasSize(expectedSizes[page]);
            if (expectedSizes[page] > 0) {
                assertThat(list).as("n real listings plus one ad on top").hasSize(expectedSizes[page] + 1);
                assertThat(list.get(0).get("ad").asBoolean()).isTrue();
                assertThat(externalIds(listings)).doesNotContain(list.get(0).get("pid").asText());
                assertThat(list.get(1).get("price").isTextual()).as("Bunjang prices are strings").isTrue();
                assertThat(list.get(1).get("status").isTextual()).isTrue();
                assertThat(list.get(1).get("update_time").isIntegralNumber()).isTrue();
            } else {
                assertThat(reply.body()).contains("\"list\":[]");
            }
            for (MarketListing listing : listings) {
                assertSame(listing, market.item("BUNJANG", listing.externalId()).orElseThrow());
            }
            crawled.addAll(externalIds(listings));
        }
        assertThat(crawled).as("disjoint pages, newest first, nothing missing").containsExactlyElementsOf(ids(catalogue));
        assertThat(market.searchPages("BUNJANG", HOTEL)).containsExactly(0, 1, 2, 3);
    }

    @ParameterizedTest
    @EnumSource(JoongnaForm.class)
    void joongnaPagesParseInEveryFormAndConcatenateToExactlyTheCatalogue(JoongnaForm form) throws Exception {
        market.joongnaForm(form);
        market.catalogue(HOTEL, 120);
        List<MarketItem> catalogue = market.items("JOONGNA", HOTEL);

        List<String> crawled = new ArrayList<>();
        int[] expectedSizes = {50, 50, 20, 0};
        for (int page = 1; page <= expectedSizes.length; page++) {
            Reply reply = get(joongnaSearch(market, HOTEL, page));
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.header("Content-Type")).startsWith("text/html");
            JoongnaForm served = form.on(page);
            if (served == JoongnaForm.NEXT_DATA) {
                assertThat(reply.body()).contains("<script id=\"__NEXT_DATA__\" type=\"application/json\">")
                        .doesNotContain("self.__next_f.push([1,");
            } else {
                assertThat(reply.body()).doesNotContain("__NEXT_DATA__");
                assertFlightPayloadIsSplit(reply.body());
            }
            List<MarketListing> listings = JoongnaPages.search(reply.body());
            assertThat(listings).as("page %d (%s)", page, served).hasSize(expectedSizes[page - 1]);
            for (MarketListing listing : listings) {
                assertSame(listing, market.item("JOONGNA", listing.externalId()).orElseThrow());
            }
            crawled.addAll(externalIds(listings));
        }
        assertThat(crawled).containsExactlyElementsOf(ids(catalogue));
        assertThat(market.searchPages("JOONGNA", HOTEL)).containsExactly(1, 2, 3, 4);
    }

    @Test
    void alternateServesOddPagesAsNextDataAndEvenPagesAsFlight() throws Exception {
        market.catalogue(HOTEL, 120);
        assertThat(get(joongnaSearch(market, HOTEL, 1)).body()).contains("__NEXT_DATA__");
        assertThat(get(joongnaSearch(market, HOTEL, 2)).body()).doesNotContain("__NEXT_DATA__").contains("self.__next_f.push([1,");
        assertThat(get(joongnaSearch(market, HOTEL, 3)).body()).contains("__NEXT_DATA__");
    }

    static final Pattern PUSH = Pattern.compile("<script>self\\.__next_f\\.push\\(\\[1,(\"(?:[^\"\\\\]++|\\\\.)*+\")]\\)</script>");

    static List<String> flightChunks(String html) throws Exception {
        Matcher m = PUSH.matcher(html);
        List<String> chunks = new ArrayList<>();
        while (m.find()) {
            chunks.add(Json.MAPPER.readValue(m.group(1), String.class));
        }
        return chunks;
    }

    /** Several type-1 chunks; the one naming the query does not also hold the end of the payload. */
    static void assertFlightPayloadIsSplit(String html) throws Exception {
        List<String> chunks = flightChunks(html);
        assertThat(chunks).hasSizeGreaterThanOrEqualTo(3);
        String head = chunks.stream().filter(c -> c.contains("\n1a:")).findFirst().orElseThrow();
        assertThat(head).as("the search row starts in one chunk and ends in another").doesNotContain("totalSize");
        assertThat(String.join("", chunks)).contains("\n3:\"$Sreact.suspense\"\n").contains("get-category-tree");
    }

    @Test
    void aPagePastTheEndIsEmptyButStillWellFormed() throws Exception {
        market.catalogue(HOTEL, 10);
        Reply bunjang = get(bunjangSearch(market, HOTEL, 5, 20));
        assertThat(bunjang.status()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(bunjang.body()).get("list").isEmpty()).isTrue();
        assertThat(BunjangPages.search(bunjang.body())).isEmpty();
        for (JoongnaForm form : List.of(JoongnaForm.NEXT_DATA, JoongnaForm.FLIGHT)) {
            market.joongnaForm(form);
            Reply joongna = get(joongnaSearch(market, HOTEL, 9));
            assertThat(joongna.status()).isEqualTo(200);
            String embedded = form == JoongnaForm.NEXT_DATA ? joongna.body() : String.join("", flightChunks(joongna.body()));
            assertThat(embedded).contains("\"items\":[]").contains("get-search-products");
            assertThat(JoongnaPages.search(joongna.body())).as("%s", form).isEmpty();
        }
        assertThat(BunjangPages.search(get(bunjangSearch(market, "없는 키워드", 0, 20)).body())).isEmpty();
        assertThat(JoongnaPages.search(get(joongnaSearch(market, "없는 키워드", 1)).body())).isEmpty();
    }

    @Test
    void soldListingsAppearInSearchWithTheirStatus() throws Exception {
        market.catalogue(HOTEL, 200);
        Set<String> states = new HashSet<>();
        for (MarketListing listing : crawlBunjang(HOTEL, 200)) {
            states.add(listing.saleStatus().name());
        }
        assertThat(states).as("mostly selling, some reserved and sold").containsExactlyInAnyOrder("SELLING", "RESERVED", "SOLD");
        long selling = market.items("JOONGNA", HOTEL).stream().filter(i -> i.state() == ListingState.SELLING).count();
        assertThat(selling).isBetween(130L, 190L);
    }

    // ------------------------------------------------------------------ the generated catalogue

    @Test
    void theCatalogueIsTheSameOnEveryRun() throws Exception {
        try (MarketplaceEmulator other = MarketplaceEmulator.start(0)) {
            for (MarketplaceEmulator m : List.of(market, other)) {
                m.catalogue(HOTEL, 80);
                m.catalogue(PENSION, 40);
                m.overlap(HOTEL, PENSION, 4);
                m.churn(HOTEL, 3, 2, 2);
                m.addNew(PENSION, 2);
            }
            for (String source : List.of("BUNJANG", "JOONGNA")) {
                assertThat(other.items(source, HOTEL)).isEqualTo(market.items(source, HOTEL));
                assertThat(other.items(source, PENSION)).isEqualTo(market.items(source, PENSION));
            }
            assertThat(get(bunjangSearch(other, HOTEL, 0, 30)).body()).isEqualTo(get(bunjangSearch(market, HOTEL, 0, 30)).body());
            assertThat(get(joongnaSearch(other, PENSION, 2)).body()).isEqualTo(get(joongnaSearch(market, PENSION, 2)).body());
        }
    }

    /**
     * Pinned values: a change of generator, or any dependence on the JVM run (hash salts, clock, locale, map
     * order), shows here. Two emulators in one JVM cannot catch what differs only between runs.
     */
    @Test
    void theGeneratorAndTheAnswersArePinned() throws Exception {
        market.catalogue("숙박 양도", 3);
        assertThat(market.items("BUNJANG", "숙박 양도").getFirst()).isEqualTo(PINNED_BUNJANG);
        assertThat(market.items("JOONGNA", "숙박 양도").getLast()).isEqualTo(PINNED_JOONGNA);
        assertThat(sha256(get(bunjangSearch(market, "숙박 양도", 0, 10)).body())).isEqualTo(PINNED_BUNJANG_PAGE);
        assertThat(sha256(get(bunjangDetail(PINNED_BUNJANG.id())).body())).isEqualTo(PINNED_BUNJANG_DETAIL);
        assertThat(sha256(get(joongnaSearch(market, "숙박 양도", 1)).body())).isEqualTo(PINNED_JOONGNA_NEXT_DATA);
        market.joongnaForm(JoongnaForm.FLIGHT);
        assertThat(sha256(get(joongnaSearch(market, "숙박 양도", 1)).body())).isEqualTo(PINNED_JOONGNA_FLIGHT);
        assertThat(sha256(get(joongnaDetail(PINNED_JOONGNA.id())).body())).isEqualTo(PINNED_JOONGNA_DETAIL);
    }

    static final MarketItem PINNED_BUNJANG = new MarketItem("BUNJANG", "235580865", "여수 롯데호텔 12/8 2박 양도", 590_000,
            ListingState.SELLING, Instant.parse("2026-11-25T03:00:00Z"), "전라남도 여수시", "여행러896");
    static final MarketItem PINNED_JOONGNA = new MarketItem("JOONGNA", "173162851", "남해 파라다이스 호텔 양도합니다", 260_000,
            ListingState.SOLD, Instant.parse("2026-11-25T01:56:32Z"), "경상남도 남해군", "호캉스러버873");
    static final String PINNED_BUNJANG_PAGE = "60fa51dc46628ce80647c6dec9769e796bfc03435bc180ef1b9cc662ba20eb0d";
    static final String PINNED_BUNJANG_DETAIL = "f51869d33417cc1ca6ca6e5511de8b1b3a19942fbcff151e152a63b51a4e2e05";
    static final String PINNED_JOONGNA_NEXT_DATA = "a9fbfb1d2e15c1331c96235f80ac37fe50266068116d8db951defafd2847d7b2";
    static final String PINNED_JOONGNA_FLIGHT = "d2b0cae7e90a17432ef059d6df2eddab864098d1ca89e875643cfb99a622e37e";
    static final String PINNED_JOONGNA_DETAIL = "0bcd3d7b7d8ceeaee2d1bfd347b069537f8c41df6f6dcc584521054fdd33b713";

    static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void listingsLookLikeAccommodationTransfers() {
        List<String> keywords = List.of("숙박 양도", HOTEL, PENSION, "리조트 양도", "숙소 양도", "제주 호텔 양도");
        Map<String, Set<String>> seen = Map.of("BUNJANG", new HashSet<>(), "JOONGNA", new HashSet<>());
        for (String keyword : keywords) {
            market.catalogue(keyword, 120);
        }
        for (String keyword : keywords) {
            for (String source : List.of("BUNJANG", "JOONGNA")) {
                List<MarketItem> items = market.items(source, keyword);
                assertThat(items).hasSize(120);
                for (int i = 0; i < items.size(); i++) {
                    MarketItem item = items.get(i);
                    assertThat(item.id()).matches(source.equals("BUNJANG") ? "[23][0-9]{8}" : "1[0-9]{8}");
                    assertThat(seen.get(source).add(item.id())).as("%s id %s unique across keywords", source, item.id()).isTrue();
                    assertThat(item.price()).isBetween(30_000L, 600_000L);
                    assertThat(item.title()).contains("양도");
                    if (i > 0) {
                        assertThat(item.postedAt()).isBefore(items.get(i - 1).postedAt());
                    }
                }
                assertThat(items.getFirst().postedAt()).isEqualTo(Instant.parse("2026-11-25T03:00:00Z"));
            }
        }
        assertThat(market.items("BUNJANG", "제주 호텔 양도")).allSatisfy(item -> {
            assertThat(item.title()).contains("제주");
            assertThat(item.location()).startsWith("제주특별자치도");
        });
        assertThat(market.items("JOONGNA", PENSION)).allSatisfy(item -> assertThat(item.title()).contains("펜션"));
    }

    @Test
    void overlappingKeywordsFindTheSameListingsMergedByDate() throws Exception {
        market.catalogue(HOTEL, 30);
        market.catalogue(PENSION, 30);
        market.overlap(HOTEL, PENSION, 5);
        for (String source : List.of("BUNJANG", "JOONGNA")) {
            List<String> shared = ids(market.items(source, HOTEL)).subList(0, 5);
            List<MarketItem> pension = market.items(source, PENSION);
            assertThat(pension).hasSize(35);
            assertThat(ids(pension)).containsAll(shared);
            assertThat(pension).isSortedAccordingTo((a, b) -> b.postedAt().compareTo(a.postedAt()));
            assertThat(market.items(source, HOTEL)).as("A is unchanged").hasSize(30);
        }
        List<String> crawledHotel = externalIds(crawlBunjang(HOTEL, 20));
        List<String> crawledPension = externalIds(crawlJoongna(PENSION));
        assertThat(crawledPension).containsAll(ids(market.items("JOONGNA", HOTEL)).subList(0, 5))
                .containsExactlyElementsOf(ids(market.items("JOONGNA", PENSION)));
        assertThat(crawledHotel).doesNotContainAnyElementsOf(
                ids(market.items("BUNJANG", PENSION)).stream().filter(id -> !ids(market.items("BUNJANG", HOTEL)).contains(id)).toList());
    }

    // ------------------------------------------------------------------ inventory changes and item re-checks

    @Test
    void churnPutsNewListingsOnTopSellsAndRemovesOthers() throws Exception {
        market.catalogue(HOTEL, 60);
        Map<String, List<String>> before = Map.of("BUNJANG", ids(market.items("BUNJANG", HOTEL)),
                "JOONGNA", ids(market.items("JOONGNA", HOTEL)));
        List<Churn> churns = market.churn(HOTEL, 3, 2, 2);
        assertThat(churns).extracting(Churn::source).containsExactly("BUNJANG", "JOONGNA");

        Churn bunjang = churns.get(0);
        assertThat(bunjang.added()).hasSize(3).doesNotContainAnyElementsOf(before.get("BUNJANG"));
        assertThat(bunjang.sold()).hasSize(2).isSubsetOf(before.get("BUNJANG"));
        assertThat(bunjang.removed()).hasSize(2).isSubsetOf(before.get("BUNJANG")).doesNotContainAnyElementsOf(bunjang.sold());
        List<MarketListing> page0 = BunjangPages.search(get(bunjangSearch(market, HOTEL, 0, 10)).body());
        assertThat(externalIds(page0).subList(0, 3)).as("new listings head the results").containsExactlyElementsOf(bunjang.added());
        List<MarketListing> all = crawlBunjang(HOTEL, 25);
        assertThat(all).hasSize(60 + 3 - 2);
        assertThat(externalIds(all)).doesNotContainAnyElementsOf(bunjang.removed());
        for (String sold : bunjang.sold()) {
            assertThat(all).filteredOn(l -> l.externalId().equals(sold)).singleElement()
                    .extracting(MarketListing::saleStatus).isEqualTo(SaleStatus.SOLD);
            Reply detail = get(bunjangDetail(sold));
            assertThat(detail.status()).isEqualTo(200);
            assertThat(detail.body()).contains("\"saleStatus\":\"SOLD_OUT\"");
            assertThat(BunjangPages.detailStatus(detail.body())).isEqualTo(SaleStatus.SOLD);
        }
        for (String removed : bunjang.removed()) {
            Reply detail = get(bunjangDetail(removed));
            assertThat(detail.status()).isEqualTo(404);
            assertThat(Json.MAPPER.readTree(detail.body()).get("data").isNull()).isTrue();
            assertThat(market.item("BUNJANG", removed).orElseThrow().state()).isEqualTo(ListingState.REMOVED);
        }

        Churn joongna = churns.get(1);
        List<MarketListing> joongnaAll = crawlJoongna(HOTEL);
        assertThat(externalIds(joongnaAll).subList(0, 3)).containsExactlyElementsOf(joongna.added());
        assertThat(externalIds(joongnaAll)).hasSize(61).doesNotContainAnyElementsOf(joongna.removed());
        for (String sold : joongna.sold()) {
            assertThat(joongnaAll).filteredOn(l -> l.externalId().equals(sold)).singleElement()
                    .extracting(MarketListing::saleStatus).isEqualTo(SaleStatus.SOLD);
            assertThat(JoongnaPages.detailStatus(get(joongnaDetail(sold)).body())).isEqualTo(SaleStatus.SOLD);
        }
        for (String removed : joongna.removed()) {
            assertThat(get(joongnaDetail(removed)).status()).isEqualTo(404);
        }
        assertThat(market.churn(HOTEL, 0, 1, 0).get(0).sold()).as("a second churn picks afresh")
                .doesNotContainAnyElementsOf(bunjang.sold()).doesNotContainAnyElementsOf(bunjang.removed());
    }

    @Test
    void detailsFollowSellReserveAndRemove() throws Exception {
        market.catalogue(HOTEL, 5);
        MarketItem b = market.items("BUNJANG", HOTEL).get(2);
        MarketItem j = market.items("JOONGNA", HOTEL).get(2);
        market.sell("BUNJANG", b.id()); // whatever it was generated as
        assertThat(BunjangPages.detailStatus(get(bunjangDetail(b.id())).body())).isEqualTo(SaleStatus.SOLD);
        market.reserve("BUNJANG", b.id());
        assertThat(BunjangPages.detailStatus(get(bunjangDetail(b.id())).body())).isEqualTo(SaleStatus.RESERVED);
        market.reserve("JOONGNA", j.id());
        Reply joongna = get(joongnaDetail(j.id()));
        assertThat(Json.MAPPER.readTree(joongna.body()).at("/data/seq").asText()).isEqualTo(j.id());
        assertThat(JoongnaPages.detailStatus(joongna.body())).isEqualTo(SaleStatus.RESERVED);
        market.remove("JOONGNA", j.id());
        assertThat(get(joongnaDetail(j.id())).status()).isEqualTo(404);
        assertThat(JoongnaPages.search(get(joongnaSearch(market, HOTEL, 1)).body())).hasSize(4);
        assertThat(get(bunjangDetail(j.id())).status()).as("a Joongna seq is no Bunjang pid").isEqualTo(404);
        assertThatThrownBy(() -> market.sell("BUNJANG", "123")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> market.sell("DANGGEUN", b.id())).isInstanceOf(IllegalArgumentException.class);
        assertThat(market.detailRequests("BUNJANG")).containsExactly(b.id(), b.id(), j.id());
        assertThat(market.detailRequests("JOONGNA")).containsExactly(j.id(), j.id());
    }

    @Test
    void addNewListingsAreNewerThanEverythingElse() throws Exception {
        market.catalogue(HOTEL, 20);
        Instant newest = market.items("BUNJANG", HOTEL).getFirst().postedAt();
        Map<String, List<MarketItem>> added = market.addNew(HOTEL, 4);
        assertThat(added.get("BUNJANG")).hasSize(4).allSatisfy(i -> assertThat(i.postedAt()).isAfter(newest));
        assertThat(ids(market.items("BUNJANG", HOTEL)).subList(0, 4)).containsExactlyElementsOf(ids(added.get("BUNJANG")));
        assertThat(externalIds(crawlJoongna(HOTEL)).subList(0, 4)).containsExactlyElementsOf(ids(added.get("JOONGNA")));
    }

    // ------------------------------------------------------------------ refusals and faults

    @Test
    void bunjangRefusesMoreThan200PerPageAndASearchWithoutQuery() throws Exception {
        market.catalogue(HOTEL, 5);
        assertThat(get(bunjangSearch(market, HOTEL, 0, 201)).status()).isEqualTo(400);
        assertThat(get(bunjangSearch(market, HOTEL, 0, 200)).status()).isEqualTo(200);
        assertThat(get(market.bunjangBaseUrl() + "/api/1/find_v2.json?order=date&page=0&n=10").status()).isEqualTo(400);
        assertThat(get(market.bunjangBaseUrl() + "/api/1/find_v2.json?q=&order=date&page=0&n=10").status()).isEqualTo(400);
        assertThat(get(joongnaSearch(market, HOTEL, 0)).status()).isEqualTo(400);
        assertThat(get(market.bunjangBaseUrl() + "/api/2/nothing").status()).isEqualTo(404);
    }

    @Test
    void rateLimitingAnswers429WithRetryAfterForTheNextRequestsOfThatSourceOnly() throws Exception {
        market.catalogue(HOTEL, 5);
        market.inject("BUNJANG", Fault.RATE_LIMITED, 2);
        Reply first = get(bunjangSearch(market, HOTEL, 0, 10));
        assertThat(first.status()).isEqualTo(429);
        assertThat(first.header("Retry-After")).isEqualTo("1");
        assertThat(get(joongnaSearch(market, HOTEL, 1)).status()).as("the other source is not limited").isEqualTo(200);
        market.retryAfterSeconds(7);
        Reply second = get(bunjangDetail(market.items("BUNJANG", HOTEL).getFirst().id()));
        assertThat(second.status()).as("details count too").isEqualTo(429);
        assertThat(second.header("Retry-After")).isEqualTo("7");
        assertThat(get(bunjangSearch(market, HOTEL, 0, 10)).status()).as("only `times` requests").isEqualTo(200);

        market.inject("JOONGNA", Fault.RATE_LIMITED, 1);
        Reply joongna = get(joongnaSearch(market, HOTEL, 1));
        assertThat(joongna.status()).isEqualTo(429);
        assertThat(joongna.header("Retry-After")).isEqualTo("7");
    }

    @Test
    void serverErrorsAre500And503() throws Exception {
        market.catalogue(HOTEL, 5);
        market.inject("BUNJANG", Fault.SERVER_ERROR, 1);
        market.inject("JOONGNA", Fault.SERVER_ERROR, 2);
        assertThat(get(bunjangSearch(market, HOTEL, 0, 10)).status()).isEqualTo(500);
        assertThat(get(joongnaSearch(market, HOTEL, 1)).status()).isEqualTo(503);
        assertThat(get(joongnaDetail(market.items("JOONGNA", HOTEL).getFirst().id())).status()).isEqualTo(500);
        assertThat(get(bunjangSearch(market, HOTEL, 0, 10)).status()).isEqualTo(200);
        assertThat(get(joongnaSearch(market, HOTEL, 1)).status()).isEqualTo(200);
    }

    @Test
    void aBrokenPageIsA200ThatTheParsersRefuse() throws Exception {
        market.catalogue(HOTEL, 60);
        String pid = market.items("BUNJANG", HOTEL).getFirst().id();
        String seq = market.items("JOONGNA", HOTEL).getFirst().id();
        market.inject("BUNJANG", Fault.BROKEN_PAGE, 2);
        market.inject("JOONGNA", Fault.BROKEN_PAGE, 3);

        Reply bunjangSearch = get(bunjangSearch(market, HOTEL, 0, 10));
        assertThat(bunjangSearch.status()).isEqualTo(200);
        assertThatThrownBy(() -> BunjangPages.search(bunjangSearch.body())).isInstanceOf(MarketFormatException.class);
        Reply bunjangDetail = get(bunjangDetail(pid));
        assertThat(bunjangDetail.status()).isEqualTo(200);
        assertThatThrownBy(() -> BunjangPages.detailStatus(bunjangDetail.body())).isInstanceOf(MarketFormatException.class);

        for (int page : List.of(1, 2)) { // both forms (ALTERNATE) lose their data
            Reply joongnaSearch = get(joongnaSearch(market, HOTEL, page));
            assertThat(joongnaSearch.status()).isEqualTo(200);
            String shown = market.items("JOONGNA", HOTEL).get((page - 1) * 50).id();
            assertThat(joongnaSearch.body()).as("still a page with the listings rendered").contains("/product/" + shown);
            assertThatThrownBy(() -> JoongnaPages.search(joongnaSearch.body())).isInstanceOf(MarketFormatException.class)
                    .hasMessageContaining("get-search-products");
        }
        Reply joongnaDetail = get(joongnaDetail(seq));
        assertThat(joongnaDetail.status()).isEqualTo(200);
        assertThatThrownBy(() -> JoongnaPages.detailStatus(joongnaDetail.body())).isInstanceOf(MarketFormatException.class);

        assertThat(BunjangPages.search(get(bunjangSearch(market, HOTEL, 0, 10)).body())).hasSize(10);
        assertThat(JoongnaPages.search(get(joongnaSearch(market, HOTEL, 1)).body())).hasSize(50);
    }

    // ------------------------------------------------------------------ accounting

    @Test
    void requestsAreCountedPerSourceAndResetSeparatelyFromTheCatalogue() throws Exception {
        market.catalogue(HOTEL, 30);
        get(bunjangSearch(market, HOTEL, 1, 10));
        get(bunjangSearch(market, HOTEL, 0, 10));
        get(bunjangSearch(market, PENSION, 0, 10));
        get(joongnaSearch(market, HOTEL, 2));
        get(joongnaDetail("100000001"));
        get(market.baseUrl() + "/_local/market/requests");
        assertThat(market.requests()).as("helper routes are not counted").isEqualTo(5);
        assertThat(market.requests("BUNJANG")).isEqualTo(3);
        assertThat(market.requests("JOONGNA")).isEqualTo(2);
        assertThat(market.searchPages("BUNJANG", HOTEL)).containsExactly(1, 0);
        assertThat(market.searchPages("BUNJANG", PENSION)).containsExactly(0);
        assertThat(market.searchPages("JOONGNA", HOTEL)).containsExactly(2);
        assertThat(market.detailRequests("JOONGNA")).containsExactly("100000001");
        assertThat(market.maxConcurrent("BUNJANG")).isEqualTo(1);

        JsonNode counters = Json.MAPPER.readTree(get(market.baseUrl() + "/_local/market/requests").body());
        assertThat(counters.get("total").asInt()).isEqualTo(5);
        assertThat(counters.at("/sources/BUNJANG/requests").asInt()).isEqualTo(3);
        assertThat(counters.at("/sources/BUNJANG/searchPages").get(HOTEL).toString()).isEqualTo("[1,0]");
        assertThat(counters.at("/sources/JOONGNA/detailRequests/0").asText()).isEqualTo("100000001");

        market.resetCounters();
        assertThat(market.requests()).isZero();
        assertThat(market.searchPages("BUNJANG", HOTEL)).isEmpty();
        assertThat(market.items("BUNJANG", HOTEL)).as("the catalogue stays").hasSize(30);
        market.reset();
        assertThat(market.items("BUNJANG", HOTEL)).as("reset forgets the catalogue").isEmpty();
    }

    @Test
    void maxConcurrentSeesParallelRequestsAndAClientsLimit() throws Exception {
        market.catalogue(HOTEL, 50);
        market.latency(Duration.ofMillis(300));
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Long>> took = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int page = i;
                took.add(pool.submit(() -> {
                    go.await();
                    long start = System.nanoTime();
                    assertThat(get(bunjangSearch(market, HOTEL, page, 10)).status()).isEqualTo(200);
                    return System.nanoTime() - start;
                }));
            }
            go.countDown();
            for (Future<Long> f : took) {
                assertThat(Duration.ofNanos(f.get())).as("latency is added").isGreaterThanOrEqualTo(Duration.ofMillis(300));
            }
        }
        assertThat(market.maxConcurrent("BUNJANG")).as("all six were in flight at once").isEqualTo(6);
        assertThat(market.maxConcurrent("JOONGNA")).isZero();
        assertThat(market.searchPages("BUNJANG", HOTEL)).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);

        market.resetCounters();
        Semaphore perHost = new Semaphore(2);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> done = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                int page = i;
                done.add(pool.submit(() -> {
                    perHost.acquire();
                    try {
                        return get(joongnaSearch(market, HOTEL, page)).status();
                    } finally {
                        perHost.release();
                    }
                }));
            }
            for (Future<Integer> f : done) {
                assertThat(f.get()).isEqualTo(200);
            }
        }
        assertThat(market.maxConcurrent("JOONGNA")).as("a client limited to 2 per host").isEqualTo(2);
        assertThat(market.requests("JOONGNA")).isEqualTo(6);
    }

    @Test
    void helperRoutesDriveTheEmulator() throws Exception {
        assertThat(post("/_local/market/catalogue", "{\"keyword\":\"" + HOTEL + "\",\"size\":12}").status()).isEqualTo(200);
        assertThat(market.items("JOONGNA", HOTEL)).hasSize(12);
        assertThat(post("/_local/market/faults", "{\"source\":\"JOONGNA\",\"fault\":\"SERVER_ERROR\",\"times\":1}").status())
                .isEqualTo(200);
        assertThat(get(joongnaSearch(market, HOTEL, 1)).status()).isEqualTo(503);
        assertThat(post("/_local/market/faults", "{\"source\":\"JOONGNA\",\"fault\":\"NOPE\",\"times\":1}").status()).isEqualTo(400);
        Reply churn = post("/_local/market/churn", "{\"keyword\":\"" + HOTEL + "\",\"added\":2,\"sold\":1,\"removed\":1}");
        assertThat(churn.status()).isEqualTo(200);
        JsonNode churned = Json.MAPPER.readTree(churn.body());
        assertThat(churned.at("/0/source").asText()).isEqualTo("BUNJANG");
        assertThat(churned.at("/1/added")).hasSize(2);
        assertThat(market.items("JOONGNA", HOTEL)).hasSize(13);
        assertThat(post("/_local/market/latency", "{\"millis\":150}").status()).isEqualTo(200);
        long start = System.nanoTime();
        get(bunjangSearch(market, HOTEL, 0, 5));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(post("/_local/market/reset", "").status()).isEqualTo(200);
        assertThat(market.items("JOONGNA", HOTEL)).isEmpty();
        assertThat(market.requests()).isZero();
    }
}
