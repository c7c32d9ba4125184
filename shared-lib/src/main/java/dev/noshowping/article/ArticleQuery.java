package dev.noshowping.article;

import dev.noshowping.domain.Validation;
import dev.noshowping.paging.Cursor;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code GET /articles} parameters, validated, with the keyset position decoded from the opaque
 * cursor. The cursor is the last row's sort key and id, so a page costs an index range scan no
 * matter how deep, and rows inserted meanwhile never shift a page.
 *
 * @param words    the words of {@code q}, each to be found in the title, the place's name or the
 *                 region code (case ignored); empty without {@code q}
 * @param stayFrom with {@code stayTo}, the nights a buyer looks for: an article matches when its stay
 *                 (check-in to check-out) overlaps them
 * @param guests   at least this many guests
 */
public record ArticleQuery(ArticleStatus status, List<String> words, String region, LocalDate checkInFrom,
                           LocalDate checkInTo, LocalDate stayFrom, LocalDate stayTo, Integer guests, Long minPrice,
                           Long maxPrice, Sort sort, int limit, Position after) {

    public enum Sort { CHECK_IN, NEWEST, PRICE }

    /** The last row of the previous page: its id and the key of the query's sort (the others null). */
    public record Position(LocalDate checkIn, Instant createdAt, Long salePrice, long id) {
    }

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 50;
    /** As long as a title: a longer {@code q} cannot be in one. */
    public static final int MAX_TEXT = 100;
    public static final int MAX_WORDS = 5;
    /**
     * A word needs two characters: one Hangul syllable or letter is in too many titles to narrow
     * anything. Two-character words (제주, 부산) are matched without the trigram index (docs/search.md).
     */
    public static final int MIN_WORD = 2;
    private static final Set<String> KNOWN = Set.of("q", "status", "region", "checkInFrom", "checkInTo", "stayFrom",
            "stayTo", "guests", "minPrice", "maxPrice", "sort", "limit", "cursor");

    public ArticleQuery {
        words = List.copyOf(words);
    }

    public static ArticleQuery parse(Map<String, String> params) {
        Map<String, String> p = params == null ? Map.of() : params;
        Validation v = new Validation();
        v.onlyKnown(p, KNOWN);
        ArticleStatus status = v.oneOf("status", p.getOrDefault("status", ArticleStatus.ON_SALE.name()), ArticleStatus.class);
        List<String> words = p.containsKey("q") ? words(v, p.get("q")) : List.of();
        String region = p.get("region");
        if (region != null) {
            v.pattern("region", region, ArticleRules.CODE, "an upper-case region code such as JEJU");
        }
        LocalDate from = parse(v, p, "checkInFrom", LocalDate::parse, "a date (YYYY-MM-DD)");
        LocalDate to = parse(v, p, "checkInTo", LocalDate::parse, "a date (YYYY-MM-DD)");
        if (from != null && to != null) {
            v.check(!to.isBefore(from), "checkInTo", "must not be before checkInFrom");
        }
        LocalDate stayFrom = parse(v, p, "stayFrom", LocalDate::parse, "a date (YYYY-MM-DD)");
        LocalDate stayTo = parse(v, p, "stayTo", LocalDate::parse, "a date (YYYY-MM-DD)");
        if (stayFrom != null && stayTo != null) {
            v.check(stayTo.isAfter(stayFrom), "stayTo", "must be after stayFrom (the day the stay ends)");
        }
        Long guests = p.containsKey("guests") ? v.wholeNumber("guests", p.get("guests"), 1, 50) : null;
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
            case "price" -> Sort.PRICE;
            default -> {
                v.add("sort", "must be checkIn, newest or price");
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
        return new ArticleQuery(status, words, region, from, to, stayFrom, stayTo,
                guests == null ? null : guests.intValue(), min, max, sort,
                limit == null ? DEFAULT_LIMIT : limit.intValue(), after);
    }

    /** The words of {@code q}: split at white space, each of {@link #MIN_WORD} characters or more. */
    private static List<String> words(Validation v, String q) {
        String text = q.strip();
        if (text.isEmpty()) {
            v.add("q", "must not be blank");
            return List.of();
        }
        if (text.codePointCount(0, text.length()) > MAX_TEXT) {
            v.add("q", "must be at most " + MAX_TEXT + " characters");
            return List.of();
        }
        // PostgreSQL text cannot hold NUL, and no title holds a control character (tabs and line
        // breaks only separate words)
        if (text.codePoints().anyMatch(cp -> Character.isISOControl(cp) && !Character.isWhitespace(cp))) {
            v.add("q", "must not contain control characters");
            return List.of();
        }
        List<String> words = Arrays.stream(text.split("\\s+")).distinct().toList();
        if (words.size() > MAX_WORDS) {
            v.add("q", "must have at most " + MAX_WORDS + " words");
        } else if (words.stream().anyMatch(w -> w.codePointCount(0, w.length()) < MIN_WORD)) {
            v.add("q", "each word must be at least " + MIN_WORD + " characters");
        }
        return words;
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

    /**
     * The earliest check-in a stay overlapping {@code stayFrom} can have: a stay lasts at most
     * {@link ArticleRules#MAX_NIGHTS}. Said to the database beside the overlap itself, it bounds the
     * check-in index range from below, so the scan skips every stay that ended long before.
     */
    LocalDate earliestOverlappingCheckIn() {
        return stayFrom.minus(ArticleRules.MAX_NIGHTS, ChronoUnit.DAYS);
    }

    /** The cursor that continues after {@code last}. */
    public static String encode(ArticleSummary last, Sort sort) {
        return switch (sort) {
            case CHECK_IN -> Cursor.encode("c", last.checkIn(), last.id());
            case NEWEST -> Cursor.encode("n", last.createdAt(), last.id());
            case PRICE -> Cursor.encode("p", last.salePrice(), last.id());
        };
    }

    static Position decode(String cursor, Sort sort) {
        String[] parts = Cursor.decode(cursor, 3).orElse(null);
        if (parts == null) {
            return null;
        }
        try {
            long id = Long.parseLong(parts[2]);
            return switch (parts[0]) {
                case "c" -> sort == Sort.CHECK_IN ? new Position(LocalDate.parse(parts[1]), null, null, id) : null;
                case "n" -> sort == Sort.NEWEST ? new Position(null, Instant.parse(parts[1]), null, id) : null;
                case "p" -> sort == Sort.PRICE ? new Position(null, null, Long.parseLong(parts[1]), id) : null;
                default -> null;
            };
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return null;
        }
    }
}
