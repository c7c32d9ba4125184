package dev.noshowping.crawl;

import dev.noshowping.http.Cursor;
import dev.noshowping.http.Validation;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /listings} parameters, validated. Pages are keyset pages on (last seen, id), newest
 * first; the cursor is the last row's key, opaque to clients.
 */
public record ListingQuery(String keyword, String source, String status, int limit, Position after) {

    public record Position(Instant lastSeenAt, long id) {
    }

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 50;
    private static final Set<String> SOURCES = Set.of("BUNJANG", "JOONGNA");
    private static final Set<String> STATUSES = Set.of("SELLING", "RESERVED", "SOLD", "DELETED", "UNKNOWN");
    private static final Set<String> KNOWN = Set.of("keyword", "source", "status", "limit", "cursor");

    public static ListingQuery parse(Map<String, String> params) {
        Map<String, String> p = params == null ? Map.of() : params;
        Validation v = new Validation();
        p.keySet().stream().filter(k -> !KNOWN.contains(k)).sorted().forEach(k -> v.add(k, "is not a known parameter"));
        String keyword = p.get("keyword");
        if (keyword != null) {
            keyword = keyword.strip();
            v.text("keyword", keyword, 1, 100);
        }
        String source = p.get("source");
        if (source != null) {
            v.check(SOURCES.contains(source), "source", "must be one of BUNJANG, JOONGNA");
        }
        String status = p.get("status");
        if (status != null) {
            v.check(STATUSES.contains(status), "status", "must be one of SELLING, RESERVED, SOLD, DELETED, UNKNOWN");
        }
        int limit = DEFAULT_LIMIT;
        if (p.containsKey("limit")) {
            try {
                long l = Long.parseLong(p.get("limit"));
                v.range("limit", l, 1, MAX_LIMIT);
                limit = (int) Math.max(1, Math.min(MAX_LIMIT, l));
            } catch (NumberFormatException e) {
                v.add("limit", "must be an integer");
            }
        }
        Position after = null;
        if (p.containsKey("cursor")) {
            after = decode(p.get("cursor"));
            v.check(after != null, "cursor", "is not a cursor from a previous page");
        }
        v.throwIfInvalid();
        return new ListingQuery(keyword, source, status, limit, after);
    }

    static String encode(ListingView last) {
        return Cursor.encode(last.lastSeenAt(), last.id());
    }

    static Position decode(String cursor) {
        String[] parts = Cursor.decode(cursor, 2).orElse(null);
        try {
            return parts == null ? null : new Position(Instant.parse(parts[0]), Long.parseLong(parts[1]));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return null;
        }
    }
}
