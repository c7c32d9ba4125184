package dev.noshowping.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.config.Environment;
import dev.noshowping.db.Database;
import dev.noshowping.lambda.Lazy;
import dev.noshowping.screenshot.ScreenshotStorage;
import dev.noshowping.screenshot.UploadedScreenshots;
import dev.noshowping.testkit.ApiCall;
import dev.noshowping.testkit.Marketplace;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.Rows;
import dev.noshowping.testkit.S3Extension;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the console reads besides the lists of the actions: staff's article search, the daily
 * figures behind its charts, and the fraud signals, each from rows the marketplace's own use cases
 * (or, for the life after a payment, the tables it leaves) wrote.
 */
@ExtendWith({PostgresExtension.class, S3Extension.class})
class ConsoleReadsTest {

    final AdminApiHandler admin = new AdminApiHandler();
    DataSource ds;

    @BeforeEach
    void database(DataSource ds) {
        this.ds = ds;
    }

    ApiCall.Reply get(String path, Map<String, Object> query) {
        var call = ApiCall.asAdmin("ops-kim").get(path);
        query.forEach(call::query);
        return call.invoke(admin);
    }

    static List<Long> ids(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.has("id") ? n.get("id").asLong() : n.asLong()));
        return out;
    }

    @Test
    void staffFindEveryArticleByStatusMerchantAndWordsInKeysetPages() throws Exception {
        long a1 = Marketplace.articleOnSale("seller-1", 100_000);
        long a2 = Marketplace.articleOnSale("seller-1", 110_000);
        long b1 = Marketplace.articleOnSale("seller-2", 120_000);
        Rows.execute(ds, "update article set status = 'TAKEN_DOWN' where id = " + a2);
        Rows.execute(ds, "update article set title = '부산 해운대 100%_할인 양도' where id = " + b1);
        long seller1 = Rows.number(ds, "select merchant_id from article where id = " + a1);

        assertThat(ids(get("/admin/articles", Map.of()).json().get("items"))).as("every status, newest first")
                .containsExactly(b1, a2, a1);
        assertThat(ids(get("/admin/articles", Map.of("status", "TAKEN_DOWN")).json().get("items"))).containsExactly(a2);
        assertThat(ids(get("/admin/articles", Map.of("merchantId", seller1)).json().get("items"))).containsExactly(a2, a1);
        assertThat(ids(get("/admin/articles", Map.of("q", "100%_")).json().get("items"))).as("% and _ are letters here")
                .containsExactly(b1);
        assertThat(ids(get("/admin/articles", Map.of("q", "0%")).json().get("items"))).containsExactly(b1);
        assertThat(ids(get("/admin/articles", Map.of("q", "오션리조")).json().get("items"))).as("the place's name")
                .containsExactly(b1, a2, a1);

        var first = get("/admin/articles", Map.of("limit", 2));
        assertThat(ids(first.json().get("items"))).containsExactly(b1, a2);
        var second = get("/admin/articles", Map.of("limit", 2, "cursor", first.json().get("nextCursor").asText()));
        assertThat(ids(second.json().get("items"))).containsExactly(a1);
        assertThat(second.json().get("nextCursor").isNull()).isTrue();
        var row = first.json().get("items").get(0);
        assertThat(row.get("merchantName").asText()).isEqualTo("seller-2 숙소");
        assertThat(row.get("status").asText()).isEqualTo("ON_SALE");

        assertThat(ApiCall.as("seller-1").get("/admin/articles").invoke(admin).status()).isEqualTo(403);
    }

    @ParameterizedTest
    @CsvSource({"status, LIVE", "merchantId, -3", "merchantId, abc", "q, ' '", "limit, 101", "cursor, nonsense", "sort, id"})
    void aBadSearchIsRefusedNamingItsField(String name, String value) {
        var reply = get("/admin/articles", Map.of(name, value));
        assertThat(reply.status()).as(reply.raw()).isEqualTo(400);
        assertThat(reply.firstErrorField()).isEqualTo(name);
    }

    @Test
    void theDailyFiguresCountEachEventOnItsKoreanDayAndEveryDayIsThere() throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Seoul"));
        long order = Marketplace.completedSale("seller-1", 200_000, 3);
        // made 2 days ago just before midnight in Korea (still that day there), paid today
        Rows.execute(ds, "update orders set created_at = ('%s 23:30'::timestamp at time zone 'Asia/Seoul') where id = %d"
                .formatted(today.minusDays(2), order));
        Rows.execute(ds, """
                insert into payment (order_id, payment_key, method, status, amount, approved_at, idempotency_key)
                values (%d, 'pk_stats', 'CARD', 'DONE', 200000, now(), 'idem-stats')""".formatted(order));
        Rows.execute(ds, """
                insert into dispute (order_id, reason, description, created_at)
                values (%d, 'OTHER', '연락 두절', ('%s 00:10'::timestamp at time zone 'Asia/Seoul'))"""
                .formatted(order, today.minusDays(1)));

        var reply = get("/admin/stats", Map.of("days", 3));
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        JsonNode days = reply.json().get("days");
        assertThat(days).hasSize(3);
        assertThat(days.get(0).get("day").asText()).isEqualTo(today.minusDays(2).toString());
        assertThat(days.get(2).get("day").asText()).isEqualTo(today.toString());
        assertThat(days.findValuesAsText("ordersCreated")).containsExactly("1", "0", "0");
        assertThat(days.findValuesAsText("disputesOpened")).containsExactly("0", "1", "0");
        assertThat(days.findValuesAsText("ordersPaid")).containsExactly("0", "0", "1");
        assertThat(days.findValuesAsText("notificationsFailed")).containsExactly("0", "0", "0");

        assertThat(get("/admin/stats", Map.of()).json().get("days")).hasSize(30);
        assertThat(get("/admin/stats", Map.of("days", 91)).firstErrorField()).isEqualTo("days");
        assertThat(get("/admin/stats", Map.of("days", "x")).firstErrorField()).isEqualTo("days");
        assertThat(ApiCall.as("seller-1").get("/admin/stats").invoke(admin).status()).isEqualTo(403);
    }

    @Test
    void oneBookingOnTwoLiveArticlesIsASignalHoweverItWasTyped() throws Exception {
        long first = Marketplace.articleOnSale("seller-1", 100_000, "yj-2026 1224-77", null);
        long second = Marketplace.articleOnSale("seller-2", 100_000, "YJ20261224-77", null);
        long other = Marketplace.articleOnSale("seller-3", 100_000, "YJ-20261224-78", null);

        var signals = signals("SAME_BOOKING_REFERENCE");
        assertThat(signals).hasSize(1);
        assertThat(ids(signals.getFirst().get("articleIds"))).containsExactly(first, second).doesNotContain(other);
        assertThat(signals.getFirst().get("merchantIds")).hasSize(2);
        assertThat(signals.getFirst().get("count").asInt()).isEqualTo(2);
        assertThat(Rows.number(ds, "select count(*) from reservation where booking_reference_digest is null")).isZero();
    }

    @Test
    void aWithdrawnArticleNoLongerCountsAgainstItsTwin() throws Exception {
        long first = Marketplace.articleOnSale("seller-1", 100_000, "YJ-TWIN-1", null);
        Marketplace.articleOnSale("seller-1", 100_000, "YJ-TWIN-1", null);
        Rows.execute(ds, "update article set status = 'WITHDRAWN' where id = " + first);
        assertThat(signals("SAME_BOOKING_REFERENCE")).isEmpty();
    }

    @Test
    void theSameScreenshotBytesOnTwoArticlesIsASignal() throws Exception {
        long first = Marketplace.articleOnSale("seller-1", 100_000);
        long second = Marketplace.articleOnSale("seller-2", 100_000);
        assertThat(signals("SAME_SCREENSHOT")).as("no digest yet").isEmpty();
        // S3's events arrive after the articles linked their screenshots: the digests are still kept
        var uploads = new UploadedScreenshots(Database::dataSource, Lazy.of(() -> ScreenshotStorage.from(Environment.current())));
        for (var row : Rows.of(ds, "select object_key, size_bytes from screenshot")) {
            uploads.uploaded((String) row.get("object_key"), (Long) row.get("size_bytes"));
        }
        var signals = signals("SAME_SCREENSHOT");
        assertThat(signals).hasSize(1);
        assertThat(ids(signals.getFirst().get("articleIds"))).containsExactly(first, second);
    }

    @Test
    void aSellerDisputedOrLateAgainAndAgainIsASignalOnceIsNot() throws Exception {
        long o1 = Marketplace.completedSale("seller-1", 100_000, 3);
        long o2 = Marketplace.completedSale("seller-1", 100_000, 3);
        long o3 = Marketplace.completedSale("seller-2", 100_000, 3);
        for (long o : List.of(o1, o2, o3)) {
            Rows.execute(ds, "insert into dispute (order_id, reason, description) values (%d, 'OTHER', '양도 안 됨')".formatted(o));
        }
        long o4 = Marketplace.completedSale("seller-3", 100_000, 3);
        long o5 = Marketplace.completedSale("seller-3", 100_000, 3);
        for (long o : List.of(o4, o5)) {
            Rows.execute(ds, """
                    insert into refund (order_id, amount, reason, idempotency_key)
                    select id, amount, 'TRANSFER_DEADLINE_MISSED', 'refund-missed-' || id from orders where id = %d""".formatted(o));
        }
        long seller1 = Rows.number(ds, "select merchant_id from article a join orders o on o.article_id = a.id where o.id = " + o1);
        long seller3 = Rows.number(ds, "select merchant_id from article a join orders o on o.article_id = a.id where o.id = " + o4);

        var disputes = signals("REPEATED_DISPUTES");
        assertThat(disputes).as("seller-2 was disputed once").hasSize(1);
        assertThat(ids(disputes.getFirst().get("merchantIds"))).containsExactly(seller1);
        assertThat(disputes.getFirst().get("count").asInt()).isEqualTo(2);
        var missed = signals("MISSED_TRANSFERS");
        assertThat(missed).hasSize(1);
        assertThat(ids(missed.getFirst().get("merchantIds"))).containsExactly(seller3);
    }

    @Test
    void aPriceFarFromTheCrawledMarketForThePlaceAndDayIsASignal() throws Exception {
        long cheap = Marketplace.articleOnSale("seller-1", 40_000);
        long fair = Marketplace.articleOnSale("seller-2", 190_000);
        LocalDate in = LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(21);
        String day = in.getMonthValue() + "/" + in.getDayOfMonth();
        String korean = in.getMonthValue() + "월 " + in.getDayOfMonth() + "일";
        market("오션리조트 " + day + " 2박 양도", 200_000);
        market("[양도] 오션리조트 " + korean + " 체크인", 180_000);
        market("오션리조트 오션뷰 " + day + "~", 210_000);
        market("오션리조트 다른 날 양도", 20_000);          // another day: not the market of this stay
        market("그랜드호텔 " + day + " 양도", 20_000);      // another place

        var signals = signals("PRICE_FAR_FROM_MARKET");
        assertThat(signals).hasSize(1);
        var s = signals.getFirst();
        assertThat(ids(s.get("articleIds"))).containsExactly(cheap).doesNotContain(fair);
        assertThat(s.get("salePrice").asLong()).isEqualTo(40_000);
        assertThat(s.get("marketMedianPrice").asLong()).isEqualTo(200_000);
        assertThat(s.get("marketListings").asInt()).isEqualTo(3);
        assertThat(ApiCall.as("seller-1").get("/admin/fraud-signals").invoke(admin).status()).isEqualTo(403);
    }

    private void market(String title, long price) throws Exception {
        Rows.execute(ds, """
                insert into crawled_listing (source, external_id, title, price, url, sale_status)
                values ('BUNJANG', '%s', '%s', %d, 'https://m.bunjang.co.kr/products/1', 'SELLING')"""
                .formatted(Long.toString(System.nanoTime()), title, price));
    }

    private List<JsonNode> signals(String kind) {
        var reply = get("/admin/fraud-signals", Map.of());
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        reply.json().get("signals").forEach(s -> {
            if (s.get("kind").asText().equals(kind)) {
                out.add(s);
            }
        });
        return out;
    }
}
