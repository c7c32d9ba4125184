package dev.noshowping.article;

import dev.noshowping.domain.Validation;
import dev.noshowping.paging.Cursor;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code GET /articles} parameters, validated, with the keyset position decoded from the opaque
 * cursor. The cursor is the last row's sort key and id, so a page costs an index range scan no
 * matter how deep, and rows inserted meanwhile never shift a page.
 */
public record ArticleQuery(ArticleStatus status, String region, LocalDate checkInFrom, LocalDate checkInTo, Long minPrice,
                           Long maxPrice, Sort sort, int limit, Position after) {

    public enum Sort { CHECK_IN, NEWEST }

    /** The last row of the previous page. */
    public record Position(LocalDate checkIn, Instant createdAt, long id) {
    }

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 50;
    private static final Set<String> KNOWN = Set.of("status", "region", "checkInFrom", "checkInTo", "minPrice",
            "maxPrice", "sort", "limit", "cursor");

    public static ArticleQuery parse(Map<String, String> params) {
        Map<String, String> p = params == null ? Map.of() : params;
        Validation v = new Validation();
        p.keySet().stream().filter(k -> !KNOWN.contains(k)).sorted()
                .forEach(k -> v.add(k, "is not a known parameter"));
        ArticleStatus status = v.oneOf("status", p.getOrDefault("status", ArticleStatus.ON_SALE.name()), ArticleStatus.class);
        String region = p.get("region");
        if (region != null) {
            v.pattern("region", region, ArticleRules.CODE, "an upper-case region code such as JEJU");
        }
        LocalDate from = parse(v, p, "checkInFrom", LocalDate::parse, "a date (YYYY-MM-DD)");
        LocalDate to = parse(v, p, "checkInTo", LocalDate::parse, "a date (YYYY-MM-DD)");
        if (from != null && to != null) {
            v.check(!to.isBefore(from), "checkInTo", "must not be before checkInFrom");
        }
        Long min = parse(v, p, "minPrice", Long::parseLong, "an integer");
        Long max = parse(v, p, "maxPrice", Long::parseLong, "an integer");
        if (min != null) {
            v.range("minPrice", min, 0, ArticleRules.MAX_PRICE);
        }
        if (max != null) {
            v.range("maxPrice", max, 0, ArticleRules.MAX_PRICE);
        }
        if (min != null && max != null) {
            v.check(max >= min, "maxPrice", "must not be below minPrice");
        }
        Sort sort = switch (p.getOrDefault("sort", "checkIn")) {
            case "checkIn" -> Sort.CHECK_IN;
            case "newest" -> Sort.NEWEST;
            default -> {
                v.add("sort", "must be checkIn or newest");
                yield Sort.CHECK_IN;
            }
        };
        Long limit = p.get("limit") == null ? null : v.wholeNumber("limit", p.get("limit"), 1, MAX_LIMIT);
        Position after = null;
        if (p.containsKey("cursor")) {
            after = decode(p.get("cursor"), sort);
            v.check(after != null, "cursor", "is not a cursor from a previous page with this sort");
        }
        v.throwIfInvalid();
        return new ArticleQuery(status, region, from, to, min, max, sort,
                limit == null ? DEFAULT_LIMIT : limit.intValue(), after);
    }

    private static <T> T parse(Validation v, Map<String, String> p, String name, Function<String, T> parser, String what) {
        String raw = p.get(name);
        if (raw == null) {
            return null;
        }
        try {
            return parser.apply(raw);
        } catch (NumberFormatException | DateTimeParseException e) {
            v.add(name, "must be " + what);
            return null;
        }
    }

    /** The cursor that continues after {@code last}. */
    public static String encode(ArticleSummary last, Sort sort) {
        return sort == Sort.CHECK_IN
                ? Cursor.encode("c", last.checkIn(), last.id())
                : Cursor.encode("n", last.createdAt(), last.id());
    }

    static Position decode(String cursor, Sort sort) {
        String[] parts = Cursor.decode(cursor, 3).orElse(null);
        if (parts == null) {
            return null;
        }
        try {
            long id = Long.parseLong(parts[2]);
            if (parts[0].equals("c") && sort == Sort.CHECK_IN) {
                return new Position(LocalDate.parse(parts[1]), null, id);
            }
            if (parts[0].equals("n") && sort == Sort.NEWEST) {
                return new Position(null, Instant.parse(parts[1]), id);
            }
            return null;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return null;
        }
    }
}
