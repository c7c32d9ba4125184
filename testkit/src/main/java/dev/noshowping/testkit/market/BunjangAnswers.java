package dev.noshowping.testkit.market;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bunjang's JSON, as the design's marketplaces.md (and open-source scrapers) show it: the search list of
 * {@code find_v2.json} and the product detail of {@code pms/v3/products-detail}. Everything not documented there is
 * marked chosen in {@code docs/marketplaces.md}.
 */
final class BunjangAnswers {

    /** Bunjang's detail {@code updatedAt}: local Korean time without an offset, as in the design's fixture. */
    private static final DateTimeFormatter UPDATED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT);
    private static final List<String> AD_TITLES = List.of("[광고] 호텔 숙박권 최저가 모음", "[광고] 리조트 회원권 특가",
            "[광고] 펜션 예약 할인 쿠폰", "[광고] 제주 렌터카 + 숙소 패키지");

    private BunjangAnswers() {
    }

    /**
     * One search page: its real listings, with one ad on top when there are any (chosen: real pages carry ads that
     * the crawler must skip; they do not count towards {@code n}). An empty {@code list} ends the results.
     */
    static Answer search(String keyword, int page, List<MarketItem> items, int total) {
        List<Map<String, Object>> list = new ArrayList<>();
        if (!items.isEmpty()) {
            list.add(ad(keyword, page, items.getFirst()));
        }
        items.forEach(item -> list.add(listing(item)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("result", "success");
        out.put("no_result", total == 0);
        out.put("num_found", total);
        out.put("list", list);
        return Answer.json(200, out);
    }

    /** BROKEN_PAGE: a 200 whose listings moved from {@code list} to {@code items}, as a format change would. */
    static Answer brokenSearch(List<MarketItem> items) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("result", "success");
        out.put("items", items.stream().map(BunjangAnswers::listing).toList());
        return Answer.json(200, out);
    }

    /** The product detail; sold items are still answered here with {@code SOLD_OUT}. */
    static Answer detail(MarketItem item) {
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("pid", Long.parseLong(item.id()));
        product.put("name", item.title());
        product.put("price", Long.toString(item.price()));
        product.put("saleStatus", item.state().bunjangSaleStatus());
        product.put("updatedAt", UPDATED_AT.format(item.postedAt().atZone(ListingGenerator.KOREA)));
        product.put("location", item.location());
        product.put("imageUrl", image(item));
        product.put("description", item.title() + "\n개인 사정으로 양도합니다. 예약 확인서 보내드려요.");
        Map<String, Object> shop = new LinkedHashMap<>();
        shop.put("uid", 10_000_000L + Math.floorMod(item.seller().hashCode(), 90_000_000));
        shop.put("name", item.seller());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("product", product);
        data.put("shop", shop);
        return Answer.json(200, Answer.object("data", data));
    }

    /** BROKEN_PAGE on a detail: the product moved from {@code data.product} to {@code data.item}. */
    static Answer brokenDetail(String pid) {
        return Answer.json(200, Answer.object("data", Answer.object("item", Answer.object("pid", pid, "status", "ON_SALE"))));
    }

    /** Chosen: a removed or unknown product is 404 with {@code data: null} and an error code. */
    static Answer notFound(String pid) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("data", null);
        out.put("error", Answer.object("code", "PRODUCT_NOT_FOUND", "message", "존재하지 않는 상품입니다. (pid " + pid + ")"));
        return Answer.jsonKeepingNulls(404, out);
    }

    static Answer badRequest(String reason) {
        return Answer.json(400, Answer.object("result", "fail", "reason", reason));
    }

    static Answer tooManyRequests(int retryAfterSeconds) {
        return Answer.json(429, Answer.object("result", "fail", "reason", "TOO_MANY_REQUESTS"))
                .withHeader("Retry-After", Integer.toString(retryAfterSeconds));
    }

    static Answer serverError() {
        return Answer.json(500, Answer.object("result", "fail", "reason", "INTERNAL_SERVER_ERROR"));
    }

    private static Map<String, Object> listing(MarketItem item) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pid", item.id());
        out.put("name", item.title());
        out.put("price", Long.toString(item.price()));
        out.put("status", item.state().bunjangStatus());
        out.put("update_time", item.postedAt().getEpochSecond());
        out.put("product_image", image(item));
        out.put("location", item.location());
        out.put("num_faved", Integer.toString(ListingGenerator.pick("BUNJANG", item.id(), 0, 20, 40)));
        out.put("free_shipping", false);
        out.put("ad", false);
        return out;
    }

    /** A deterministic ad, one second newer than the page's newest listing: a crawler that keeps it sees it out of order. */
    private static Map<String, Object> ad(String keyword, int page, MarketItem newest) {
        String pid = Long.toString(900_000_000L + ListingGenerator.pick("BUNJANG-AD", keyword, page, 0, 99_999_999));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pid", pid);
        out.put("name", AD_TITLES.get(ListingGenerator.pick("BUNJANG-AD", keyword, page, 1, AD_TITLES.size())));
        out.put("price", "10000");
        out.put("status", "0");
        out.put("update_time", newest.postedAt().getEpochSecond() + 1);
        out.put("product_image", "https://media.bunjang.co.kr/product/" + pid + "_1_0_w{res}.jpg");
        out.put("location", "");
        out.put("ad", true);
        out.put("imp_id", "ad-" + keyword.hashCode() + "-" + page);
        return out;
    }

    private static String image(MarketItem item) {
        return "https://media.bunjang.co.kr/product/" + item.id() + "_1_" + item.postedAt().getEpochSecond() + "_w{res}.jpg";
    }
}
