package dev.noshowping.testkit.market;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A marketplace request as the emulator understands it, parsed once so that accounting, faults and answers all see
 * the same keyword, page and id. {@code problem} is why the marketplace would refuse it (400), or null.
 */
record MarketRequest(Route route, String source, String keyword, Integer page, Integer size, String id, String problem) {

    enum Route { BUNJANG_SEARCH, BUNJANG_DETAIL, JOONGNA_SEARCH, JOONGNA_DETAIL, UNKNOWN }

    /** Bunjang's {@code n} when the request has none (chosen), and the most it accepts (documented). */
    static final int BUNJANG_DEFAULT_N = 100;
    static final int BUNJANG_MAX_N = 200;

    private static final String BUNJANG_SEARCH = "/bunjang/api/1/find_v2.json";
    private static final String BUNJANG_DETAIL = "/bunjang/api/pms/v3/products-detail/";
    private static final String JOONGNA_SEARCH = "/joongna/search/";
    private static final String JOONGNA_DETAIL = "/joongna-api/basic/";

    /** The source a path belongs to ({@code /bunjang/…}, {@code /joongna/…}, {@code /joongna-api/…}), or null. */
    static String sourceOf(String rawPath) {
        if (rawPath.startsWith("/bunjang/")) {
            return "BUNJANG";
        }
        if (rawPath.startsWith("/joongna/") || rawPath.startsWith("/joongna-api/")) {
            return "JOONGNA";
        }
        return null;
    }

    static MarketRequest parse(String rawPath, String rawQuery) {
        String source = sourceOf(rawPath);
        Map<String, String> query = query(rawQuery);
        if (rawPath.equals(BUNJANG_SEARCH)) {
            return bunjangSearch(query);
        }
        if (rawPath.startsWith(BUNJANG_DETAIL) && rawPath.indexOf('/', BUNJANG_DETAIL.length()) < 0) {
            return new MarketRequest(Route.BUNJANG_DETAIL, source, null, null, null,
                    segment(rawPath.substring(BUNJANG_DETAIL.length())), null);
        }
        if (rawPath.startsWith(JOONGNA_SEARCH) && rawPath.length() > JOONGNA_SEARCH.length()
                && rawPath.indexOf('/', JOONGNA_SEARCH.length()) < 0) {
            return joongnaSearch(segment(rawPath.substring(JOONGNA_SEARCH.length())), query);
        }
        if (rawPath.startsWith(JOONGNA_DETAIL) && rawPath.indexOf('/', JOONGNA_DETAIL.length()) < 0) {
            return new MarketRequest(Route.JOONGNA_DETAIL, source, null, null, null,
                    segment(rawPath.substring(JOONGNA_DETAIL.length())), null);
        }
        return new MarketRequest(Route.UNKNOWN, source, null, null, null, null, "no such route: " + rawPath);
    }

    boolean search() {
        return route == Route.BUNJANG_SEARCH || route == Route.JOONGNA_SEARCH;
    }

    boolean detail() {
        return route == Route.BUNJANG_DETAIL || route == Route.JOONGNA_DETAIL;
    }

    private static MarketRequest bunjangSearch(Map<String, String> query) {
        String q = query.get("q");
        Integer page = number(query.get("page"), 0);
        Integer n = number(query.get("n"), BUNJANG_DEFAULT_N);
        String problem = null;
        if (q == null || q.isBlank()) {
            problem = "q is required";
        } else if (query.containsKey("order") && !"date".equals(query.get("order"))) {
            problem = "order must be date (the only order emulated)";
        } else if (page == null || page < 0) {
            problem = "page must be a number >= 0";
        } else if (n == null || n < 1) {
            problem = "n must be a number >= 1";
        } else if (n > BUNJANG_MAX_N) {
            problem = "n must be at most " + BUNJANG_MAX_N;
        }
        return new MarketRequest(Route.BUNJANG_SEARCH, "BUNJANG", q == null || q.isBlank() ? null : q, page, n, null, problem);
    }

    private static MarketRequest joongnaSearch(String keyword, Map<String, String> query) {
        Integer page = number(query.get("page"), 1);
        String problem = keyword.isBlank() ? "the keyword is required" : page == null || page < 1 ? "page must be a number >= 1" : null;
        return new MarketRequest(Route.JOONGNA_SEARCH, "JOONGNA", keyword.isBlank() ? null : keyword, page, null, null, problem);
    }

    private static Integer number(String text, int absent) {
        if (text == null) {
            return absent;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Form decoding ({@code +} is a space), as query strings are written. */
    private static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(key, value);
        }
        return out;
    }

    /** Percent decoding of one path segment: unlike a query, {@code +} is a plus there. */
    private static String segment(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
