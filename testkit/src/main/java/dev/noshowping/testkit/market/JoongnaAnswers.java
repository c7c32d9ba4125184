package dev.noshowping.testkit.market;

import dev.noshowping.json.Json;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Joongna as the design's marketplaces.md describes it: the server-rendered search page of web.joongna.com with its
 * listings embedded as React-Query state (in the {@code __NEXT_DATA__} form or the App-Router flight form), and the
 * item re-check of product-api.joongna.com, whose shape is not documented and is chosen here (see
 * {@code docs/marketplaces.md}).
 */
final class JoongnaAnswers {

    static final String QUERY = "get-search-products";
    private static final DateTimeFormatter SORT_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    /** How many pieces the flight row carrying the search payload is cut into (the design: one payload may span chunks). */
    private static final int FLIGHT_PIECES = 3;

    private JoongnaAnswers() {
    }

    // ------------------------------------------------------------------ web.joongna.com/search/{kw}

    /** The search page with its data embedded in {@code form}; past the end the items array is empty, never missing. */
    static Answer search(JoongnaForm form, String keyword, int page, List<MarketItem> items, int total) {
        String data = form == JoongnaForm.NEXT_DATA ? nextData(keyword, page, items, total) : flight(keyword, page, items, total);
        return Answer.html(200, page(keyword, items, data, form == JoongnaForm.FLIGHT));
    }

    /** BROKEN_PAGE: the listings are still rendered as markup, but the page embeds no data any more. */
    static Answer brokenSearch(String keyword, List<MarketItem> items) {
        return Answer.html(200, page(keyword, items, "<script>window.__APP_STATE__ = undefined;</script>", false));
    }

    static Answer badSearch(String reason) {
        return Answer.html(400, "<!DOCTYPE html><html><body><h1>400 Bad Request</h1><p>" + escape(reason) + "</p></body></html>");
    }

    static Answer pageNotFound() {
        return Answer.html(404, "<!DOCTYPE html><html><body><h1>404</h1><p>페이지를 찾을 수 없습니다.</p></body></html>");
    }

    static Answer tooManyRequests(int retryAfterSeconds) {
        return Answer.html(429, "<!DOCTYPE html><html><body><h1>429 Too Many Requests</h1></body></html>")
                .withHeader("Retry-After", Integer.toString(retryAfterSeconds));
    }

    /** Chosen: the web front answers 503 when its origin fails, as a CDN in front of it would. */
    static Answer unavailable() {
        return Answer.html(503, "<!DOCTYPE html><html><body><h1>503 Service Unavailable</h1></body></html>");
    }

    // ------------------------------------------------------------------ product-api.joongna.com/basic/{seq}

    /**
     * Chosen shape (the real one is not documented): {@code {"meta":{"code":0,"message":"SUCCESS"},
     * "data":{seq, title, price, state, sortDate, url, mainLocationName}}}, the same item fields as search.
     */
    static Answer detail(MarketItem item) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("meta", meta(0, "SUCCESS"));
        out.put("data", item(item));
        return Answer.json(200, out);
    }

    /** BROKEN_PAGE on a detail: the item moved from {@code data} to {@code result}. */
    static Answer brokenDetail(String seq) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("meta", meta(0, "SUCCESS"));
        out.put("result", Answer.object("productSeq", seq, "productStatus", "SALE"));
        return Answer.json(200, out);
    }

    /** Chosen: a removed or unknown item is 404 with {@code data: null}. */
    static Answer notFound(String seq) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("meta", meta(404, "PRODUCT_NOT_FOUND: " + seq));
        out.put("data", null);
        return Answer.jsonKeepingNulls(404, out);
    }

    static Answer apiTooManyRequests(int retryAfterSeconds) {
        return Answer.jsonKeepingNulls(429, errorBody(429, "TOO_MANY_REQUESTS"))
                .withHeader("Retry-After", Integer.toString(retryAfterSeconds));
    }

    static Answer apiServerError() {
        return Answer.jsonKeepingNulls(500, errorBody(500, "INTERNAL_SERVER_ERROR"));
    }

    // ------------------------------------------------------------------ the page

    private static String page(String keyword, List<MarketItem> items, String data, boolean flightBootstrap) {
        StringBuilder html = new StringBuilder(8_192);
        html.append("<!DOCTYPE html><html lang=\"ko\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(keyword)).append(" | 중고나라</title>");
        if (flightBootstrap) {
            html.append("<script>(self.__next_f=self.__next_f||[]).push([0])</script>");
        }
        html.append("<script src=\"/_next/static/chunks/webpack.js\" async></script></head><body><div id=\"__next\"><main>")
                .append("<h1>'").append(escape(keyword)).append("' 검색결과</h1><ul class=\"search-results\">");
        for (MarketItem item : items) {
            html.append("<li><a href=\"/product/").append(item.id()).append("\"><p class=\"title\">")
                    .append(escape(item.title())).append("</p><p class=\"price\">")
                    .append(String.format(Locale.ROOT, "%,d원", item.price())).append("</p></a></li>");
        }
        html.append("</ul></main></div>")
                .append("<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}</script>")
                .append(data).append("</body></html>");
        return html.toString();
    }

    private static String nextData(String keyword, int page, List<MarketItem> items, int total) {
        Map<String, Object> pageProps = new LinkedHashMap<>();
        pageProps.put("dehydratedState", Answer.object("mutations", List.of(), "queries", queries(keyword, page, items, total)));
        Map<String, Object> next = new LinkedHashMap<>();
        next.put("props", Answer.object("pageProps", pageProps, "__N_SSP", true));
        next.put("page", "/search/[keyword]");
        next.put("query", Answer.object("keyword", keyword, "page", Integer.toString(page)));
        next.put("buildId", "noshowping-emulator");
        next.put("isFallback", false);
        next.put("gssp", true);
        return "<script id=\"__NEXT_DATA__\" type=\"application/json\">" + scriptSafe(Json.write(next)) + "</script>";
    }

    /**
     * The flight form: rows {@code <id>:<JSON>} one per line, pushed as {@code [1,"…"]} chunks. The row with the
     * search payload is cut into {@value #FLIGHT_PIECES} pieces, each ending one chunk, so no chunk holds it whole;
     * unrelated rows (the component tree, a module reference, other queries, a suspense marker) surround it.
     */
    private static String flight(String keyword, int page, List<MarketItem> items, int total) {
        String head = "0:[\"$\",\"html\",null,{\"lang\":\"ko\",\"children\":[\"$\",\"body\",null,{\"children\":\"$L1\"}]}]\n"
                + "1:I[\"(app-pages-browser)/./app/search/[keyword]/page.tsx\",[\"app/search/[keyword]/page\"],\"default\"]\n"
                + "2:" + Json.write(Answer.object("state", Answer.object("queries", List.of(Answer.object(
                        "queryKey", List.of("get-category-tree"),
                        "state", Answer.object("data", Answer.object("data", List.of()), "status", "success")))))) + "\n";
        String payload = "1a:" + Json.write(Answer.object("state", Answer.object("mutations", List.of(),
                "queries", List.of(queries(keyword, page, items, total).getLast())))) + "\n";
        String tail = "3:\"$Sreact.suspense\"\n4:[\"$\",\"$3\",null,{\"fallback\":null,\"children\":\"$L5\"}]\n";
        List<String> chunks = new ArrayList<>();
        chunks.add(head);
        int from = 0;
        for (int piece = 1; piece <= FLIGHT_PIECES; piece++) {
            int to = piece == FLIGHT_PIECES ? payload.length() : payload.length() * piece / FLIGHT_PIECES;
            if (to > from && to < payload.length() && Character.isHighSurrogate(payload.charAt(to - 1))) {
                to++; // never cut a character in two
            }
            chunks.add(payload.substring(from, to));
            from = to;
        }
        // the first piece travels with the head rows, the last with the tail rows, as Next.js batches them
        List<String> pushed = new ArrayList<>();
        pushed.add(chunks.get(0) + chunks.get(1));
        pushed.addAll(chunks.subList(2, chunks.size() - 1));
        pushed.add(chunks.getLast() + tail);
        StringBuilder html = new StringBuilder();
        for (String chunk : pushed) {
            html.append("<script>self.__next_f.push([1,").append(scriptSafe(Json.write(chunk))).append("])</script>");
        }
        return html.toString();
    }

    /** The React-Query entries of a search page: an unrelated one first, the search last. */
    private static List<Map<String, Object>> queries(String keyword, int page, List<MarketItem> items, int total) {
        Map<String, Object> search = new LinkedHashMap<>();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("keyword", keyword);
        params.put("page", page);
        params.put("sort", "RECENT_SORT");
        search.put("queryKey", List.of(QUERY, params));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("items", items.stream().map(JoongnaAnswers::item).toList());
        result.put("totalSize", total);
        search.put("state", Answer.object("data", Answer.object("data", result), "status", "success"));
        Map<String, Object> categories = new LinkedHashMap<>();
        categories.put("queryKey", List.of("get-category-tree"));
        categories.put("state", Answer.object("data", Answer.object("data", List.of()), "status", "success"));
        return List.of(categories, search);
    }

    private static Map<String, Object> item(MarketItem item) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seq", Long.parseLong(item.id()));
        out.put("title", item.title());
        out.put("price", item.price());
        out.put("url", "https://img2.joongna.com/media/original/" + item.postedAt().atZone(ListingGenerator.KOREA)
                .format(DateTimeFormatter.ofPattern("yyyy/MM/dd", Locale.ROOT)) + "/" + item.id() + ".jpg");
        out.put("sortDate", SORT_DATE.format(item.postedAt().atZone(ListingGenerator.KOREA)));
        out.put("state", item.state().joongnaState());
        out.put("mainLocationName", item.location().substring(item.location().lastIndexOf(' ') + 1));
        out.put("wishCount", ListingGenerator.pick("JOONGNA", item.id(), 0, 20, 30));
        out.put("chatCount", ListingGenerator.pick("JOONGNA", item.id(), 0, 21, 10));
        return out;
    }

    private static Map<String, Object> meta(int code, String message) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("code", code);
        out.put("message", message);
        return out;
    }

    private static Map<String, Object> errorBody(int code, String message) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("meta", meta(code, message));
        out.put("data", null);
        return out;
    }

    /** JSON inside a script element: {@code <}, {@code >} and {@code &} as unicode escapes, as Next.js writes them. */
    private static String scriptSafe(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
