package dev.noshowping.savedsearch;

import dev.noshowping.article.ArticleQuery;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of {@code POST /saved-searches}: the criteria of {@code GET /articles}, named as its
 * query parameters. Dates stay text here so {@link ArticleQuery} checks them with the search's
 * own rules and messages.
 */
public record SavedSearchRequest(String q, String region, String checkInFrom, String checkInTo, String stayFrom,
                                 String stayTo, Long guests, Long minPrice, Long maxPrice) {

    /** The criteria as the query parameters of {@code GET /articles}: only those given. */
    Map<String, String> asQueryParameters() {
        Map<String, String> p = new LinkedHashMap<>();
        put(p, "q", q);
        put(p, "region", region);
        put(p, "checkInFrom", checkInFrom);
        put(p, "checkInTo", checkInTo);
        put(p, "stayFrom", stayFrom);
        put(p, "stayTo", stayTo);
        put(p, "guests", guests);
        put(p, "minPrice", minPrice);
        put(p, "maxPrice", maxPrice);
        return p;
    }

    private static void put(Map<String, String> p, String name, Object value) {
        if (value != null) {
            p.put(name, value.toString());
        }
    }
}
