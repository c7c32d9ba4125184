package dev.noshowping.paging;

import dev.noshowping.domain.Validation;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The keyset page a list route is asked for: its size ({@code limit}) and where the previous page
 * ended ({@code cursor}: the last row's time and id, opaque to clients). Shared by the routes
 * whose pages run over (a time, id); a route with another sort key keeps its own cursor.
 */
public record PageRequest(int limit, Keyset after) {

    /** The last row of the previous page. */
    public record Keyset(Instant time, long id) {
    }

    /** {@code limit} (default {@code defaultLimit}, 1…{@code maxLimit}) and {@code cursor} from {@code params}, errors into {@code v}. */
    public static PageRequest parse(Map<String, String> params, Validation v, int defaultLimit, int maxLimit) {
        int limit = defaultLimit;
        if (params.containsKey("limit")) {
            Long asked = v.wholeNumber("limit", params.get("limit"), 1, maxLimit);
            limit = asked == null ? defaultLimit : asked.intValue();
        }
        Keyset after = null;
        if (params.containsKey("cursor")) {
            after = decode(params.get("cursor"));
            v.check(after != null, "cursor", "is not a cursor from a previous page");
        }
        return new PageRequest(limit, after);
    }

    /** For a page newest first by id: the id its rows lie below (every id on the first page). */
    public long beforeId() {
        return after == null ? Long.MAX_VALUE : after.id();
    }

    /** The cursor that continues after a row at ({@code time}, {@code id}). */
    public static String cursorAfter(Instant time, long id) {
        return Cursor.encode(time, id);
    }

    static Keyset decode(String cursor) {
        String[] parts = Cursor.decode(cursor, 2).orElse(null);
        try {
            return parts == null ? null : new Keyset(Instant.parse(parts[0]), Long.parseLong(parts[1]));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return null;
        }
    }
}
