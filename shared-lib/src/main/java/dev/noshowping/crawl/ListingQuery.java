package dev.noshowping.crawl;

import dev.noshowping.domain.Validation;
import dev.noshowping.paging.PageRequest;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /listings} parameters, validated. Pages are keyset pages on (last seen, id), newest
 * first; the cursor is the last row's key, opaque to clients.
 */
public record ListingQuery(String keyword, MarketSource source, SaleStatus status, int limit, Position after) {

    public record Position(Instant lastSeenAt, long id) {
    }

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 50;
    private static final Set<String> KNOWN = Set.of("keyword", "source", "status", "limit", "cursor");

    public static ListingQuery parse(Map<String, String> params) {
        Map<String, String> p = params == null ? Map.of() : params;
        Validation v = new Validation();
        v.onlyKnown(p, KNOWN);
        String keyword = p.get("keyword");
        if (keyword != null) {
            keyword = keyword.strip();
            v.text("keyword", keyword, 1, 100);
        }
        MarketSource source = p.containsKey("source") ? v.oneOf("source", p.get("source"), MarketSource.class) : null;
        SaleStatus status = p.containsKey("status") ? v.oneOf("status", p.get("status"), SaleStatus.class) : null;
        PageRequest page = PageRequest.parse(p, v, DEFAULT_LIMIT, MAX_LIMIT);
        Position after = page.after() == null ? null : new Position(page.after().time(), page.after().id());
        v.throwIfInvalid();
        return new ListingQuery(keyword, source, status, page.limit(), after);
    }

    static String encode(ListingView last) {
        return PageRequest.cursorAfter(last.lastSeenAt(), last.id());
    }
}
