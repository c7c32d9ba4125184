package dev.noshowping.functions.article;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.config.Environment;
import dev.noshowping.order.OrderPolicy;
import dev.noshowping.testkit.ApiCall;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.S3Extension;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /articles} as a buyer searches, and {@code GET /merchants/me/articles} as a seller keeps track. */
@ExtendWith({PostgresExtension.class, S3Extension.class})
class ArticleSearchTest {

    static final LocalDate BASE = LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(20);

    final ArticleApiHandler api = new ArticleApiHandler();
    Seller seller;
    DataSource ds;

    @BeforeEach
    void setUp(DataSource ds) {
        this.ds = ds;
        seller = Seller.registered("seller-1", api);
    }

    long publish(Seller by, String title, String place, int checkInDay, int nights, long price, int guests) throws Exception {
        return by.publish(a -> {
            a.put("title", title);
            a.put("accommodationName", place);
            a.put("checkIn", BASE.plusDays(checkInDay).toString());
            a.put("checkOut", BASE.plusDays(checkInDay + nights).toString());
            a.put("salePrice", price);
            a.with("serviceProduct").put("guests", guests);
        });
    }

    ApiCall.Reply search(String subject, Map<String, Object> params) {
        ApiCall call = ApiCall.as(subject).get("/articles");
        params.forEach(call::query);
        return call.invoke(api);
    }

    static List<Long> ids(ApiCall.Reply reply) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        reply.json().get("items").forEach(n -> ids.add(n.get("id").asLong()));
        return ids;
    }

    /** Every page of a search, following the cursors; the ids in the order shown. */
    List<Long> allPages(Map<String, Object> params) {
        return allPages("buyer", "/articles", params);
    }

    List<Long> allPages(String subject, String path, Map<String, Object> params) {
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        do {
            ApiCall call = ApiCall.as(subject).get(path);
            params.forEach(call::query);
            if (cursor != null) {
                call.query("cursor", cursor);
            }
            var reply = call.invoke(api);
            seen.addAll(ids(reply));
            JsonNode next = reply.json().get("nextCursor");
            cursor = next.isNull() ? null : next.asText();
        } while (cursor != null);
        return seen;
    }

    @Test
    void koreanWordsAreFoundInTheTitleThePlaceAndTheRegion() throws Exception {
        long shilla = publish(seller, "제주 신라호텔 오션뷰 1박", "신라호텔 제주", 1, 1, 300000, 2);
        long halla = publish(seller, "한라산 근처 펜션 양도", "한라펜션", 2, 1, 200000, 2);
        long busan = seller.publish(a -> {
            a.put("title", "해운대 바다 보이는 숙소");
            a.put("accommodationName", "파라다이스 호텔 부산");
            a.put("region", "BUSAN");
        });

        assertThat(ids(search("buyer", Map.of("q", "신라호텔")))).containsExactly(shilla);
        assertThat(ids(search("buyer", Map.of("q", "파라다이스")))).as("the place's name").containsExactly(busan);
        assertThat(ids(search("buyer", Map.of("q", "busan")))).as("the region code, case ignored").containsExactly(busan);
        assertThat(ids(search("buyer", Map.of("q", "한라")))).as("two syllables, without the index").containsExactly(halla);
        assertThat(ids(search("buyer", Map.of("q", "오션뷰 제주")))).as("every word, in any order").containsExactly(shilla);
        assertThat(ids(search("buyer", Map.of("q", "오션뷰 부산")))).isEmpty();
        var nothing = search("buyer", Map.of("q", "없는숙소"));
        assertThat(ids(nothing)).isEmpty();
        assertThat(nothing.json().get("nextCursor").isNull()).isTrue();
        assertThat(ids(search("buyer", Map.of("q", "100%")))).as("% is a character, not a wildcard").isEmpty();
    }

    @Test
    void aStayRangeFindsTheStaysThatOverlapIt() throws Exception {
        long twoNights = publish(seller, "2박 양도", "호텔 A", 10, 2, 300000, 2);   // nights 10, 11
        long nextDay = publish(seller, "1박 양도", "호텔 B", 12, 1, 300000, 2);     // night 12
        long later = publish(seller, "다음달 양도", "호텔 C", 40, 1, 300000, 2);

        assertThat(ids(search("buyer", Map.of("stayFrom", BASE.plusDays(11), "stayTo", BASE.plusDays(12)))))
                .containsExactly(twoNights);
        assertThat(ids(search("buyer", Map.of("stayFrom", BASE.plusDays(12), "stayTo", BASE.plusDays(13)))))
                .as("a stay that checks out on the first wanted day does not overlap").containsExactly(nextDay);
        assertThat(ids(search("buyer", Map.of("stayFrom", BASE.plusDays(9), "stayTo", BASE.plusDays(50)))))
                .containsExactly(twoNights, nextDay, later);
        assertThat(ids(search("buyer", Map.of("stayFrom", BASE.plusDays(13)))))
                .as("open-ended: whatever checks out after it").containsExactly(later);
        assertThat(ids(search("buyer", Map.of("stayTo", BASE.plusDays(11))))).containsExactly(twoNights);
        assertThat(ids(search("buyer", Map.of("checkInFrom", BASE.plusDays(12), "stayTo", BASE.plusDays(41)))))
                .as("the check-in filters still hold beside it").containsExactly(nextDay, later);
    }

    @Test
    void guestsAndPriceNarrowTheSearch() throws Exception {
        long couple = publish(seller, "커플룸 양도", "호텔", 1, 1, 150000, 2);
        long family = publish(seller, "패밀리룸 양도", "호텔", 2, 1, 250000, 4);
        assertThat(ids(search("buyer", Map.of("guests", 3)))).containsExactly(family);
        assertThat(ids(search("buyer", Map.of("guests", 2)))).containsExactly(couple, family);
        assertThat(ids(search("buyer", Map.of("q", "양도", "guests", 2, "maxPrice", 200000)))).containsExactly(couple);
        assertThat(search("buyer", Map.of("guests", 4)).json().at("/items/0/guests").asInt()).isEqualTo(4);
    }

    @Test
    void byPricePagesRunOverTiesWithoutGapsOrRepeats() throws Exception {
        Seller other = Seller.registered("seller-2", api);
        List<Long> tied = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tied.add(publish(i % 2 == 0 ? seller : other, "같은 가격 " + i, "호텔", 5 - i, 1, 100000, 2));
        }
        long cheaper = publish(other, "더 싼 방", "호텔", 9, 1, 90000, 2);
        long dearer = publish(seller, "비싼 방", "호텔", 1, 1, 310000, 2);

        List<Long> expected = new ArrayList<>();
        expected.add(cheaper);
        expected.addAll(tied); // published in id order
        expected.add(dearer);
        assertThat(allPages(Map.of("sort", "price", "limit", 2))).containsExactlyElementsOf(expected);
        assertThat(allPages(Map.of("sort", "price", "limit", 1, "q", "가격"))).containsExactlyElementsOf(tied);
        assertThat(allPages(Map.of("sort", "newest", "limit", 3)))
                .containsExactlyElementsOf(expected.stream().sorted(Comparator.reverseOrder()).toList());
        assertThat(allPages(Map.of("sort", "checkIn", "limit", 4))).hasSize(7).doesNotHaveDuplicates();

        String priceCursor = search("buyer", Map.of("sort", "price", "limit", 2)).json().get("nextCursor").asText();
        var wrongSort = search("buyer", Map.of("sort", "checkIn", "cursor", priceCursor));
        assertThat(wrongSort.status()).isEqualTo(400);
        assertThat(wrongSort.firstErrorField()).isEqualTo("cursor");
    }

    @Test
    void onlyWhatCanBeBoughtIsListed() throws Exception {
        long open = publish(seller, "제주 오션 스위트", "오션호텔", 3, 1, 300000, 2);
        long aboutToBegin = publish(seller, "제주 오션 디럭스", "오션호텔", 4, 1, 300000, 2);
        long withdrawn = publish(seller, "제주 오션 트윈", "오션호텔", 5, 1, 300000, 2);
        Seller suspended = Seller.registered("seller-2", api);
        long ofSuspended = publish(suspended, "제주 오션 패밀리", "오션호텔", 6, 1, 300000, 2);
        LocalDate closed = OrderPolicy.from(Environment.current()).lastClosedCheckIn(Instant.now());
        execute("update article set check_in = '" + closed + "', check_out = '" + closed.plusDays(1)
                + "' where id = " + aboutToBegin);
        ApiCall.as("seller-1").delete("/articles/{id}").path("id", withdrawn).invoke(api);
        execute("update merchant set suspended_at = now() where merchant_name like 'seller-2%'");

        assertThat(ids(search("buyer", Map.of("q", "오션")))).containsExactly(open);
        assertThat(ids(search("buyer", Map.of("q", "오션", "sort", "price")))).containsExactly(open);
        assertThat(ids(search("buyer", Map.of("q", "오션", "sort", "newest")))).containsExactly(open);
        assertThat(mine("seller-2", Map.of())).as("the suspended seller still sees theirs").containsExactly(ofSuspended);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "q        | 집",
        "q        | 제주 집",
        "q        | '  '",
        "guests   | 0",
        "guests   | 51",
        "guests   | many",
        "stayFrom | someday",
        "stayTo   | 2026-13-01",
        "sort     | cheapest",
    })
    void badSearchParametersAre400NamingThem(String name, String value) {
        var reply = search("buyer", Map.of(name, value));
        assertThat(reply.status()).as(reply.raw()).isEqualTo(400);
        assertThat(reply.firstErrorField()).isEqualTo(name);
    }

    @Test
    void aTooLongQAndAStayEndingBeforeItBeginsAre400() {
        var longQ = search("buyer", Map.of("q", "제주".repeat(51)));
        assertThat(longQ.status()).isEqualTo(400);
        assertThat(longQ.firstErrorField()).isEqualTo("q");
        var backwards = search("buyer", Map.of("stayFrom", BASE.plusDays(3), "stayTo", BASE.plusDays(2)));
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.firstErrorField()).isEqualTo("stayTo");
    }

    // ------------------------------------------------------------------ GET /merchants/me/articles

    List<Long> mine(String subject, Map<String, Object> params) {
        ApiCall call = ApiCall.as(subject).get("/merchants/me/articles");
        params.forEach(call::query);
        return ids(call.invoke(api));
    }

    @Test
    void aSellerSeesTheirOwnArticlesInEveryStateNewestFirst() throws Exception {
        long first = publish(seller, "첫 번째", "호텔", 1, 1, 100000, 2);
        long second = publish(seller, "두 번째", "호텔", 2, 1, 100000, 2);
        long third = publish(seller, "세 번째", "호텔", 3, 1, 100000, 2);
        Seller other = Seller.registered("seller-2", api);
        publish(other, "남의 글", "호텔", 1, 1, 100000, 2);
        ApiCall.as("seller-1").delete("/articles/{id}").path("id", second).invoke(api);
        execute("update article set status = 'SOLD' where id = " + first);

        assertThat(mine("seller-1", Map.of())).containsExactly(third, second, first);
        assertThat(mine("seller-1", Map.of("status", "WITHDRAWN"))).containsExactly(second);
        assertThat(mine("seller-1", Map.of("status", "SOLD"))).containsExactly(first);
        assertThat(mine("seller-1", Map.of("status", "EXPIRED"))).isEmpty();
        assertThat(mine("buyer", Map.of())).as("not a merchant: nothing of theirs").isEmpty();

        assertThat(allPages("seller-1", "/merchants/me/articles", Map.of("limit", 1)))
                .containsExactly(third, second, first);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "status | GONE",
        "limit  | 0",
        "limit  | 51",
        "cursor | not-a-cursor",
        "q      | 제주",
    })
    void badParametersOfMyArticlesAre400NamingThem(String name, String value) {
        var reply = ApiCall.as("seller-1").get("/merchants/me/articles").query(name, value).invoke(api);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(400);
        assertThat(reply.firstErrorField()).isEqualTo(name);
    }

    void execute(String sql) throws Exception {
        try (Connection c = ds.getConnection(); var s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
