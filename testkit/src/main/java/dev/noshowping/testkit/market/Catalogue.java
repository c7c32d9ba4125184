package dev.noshowping.testkit.market;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The listings each keyword finds on each source, and what became of them. Every change is a pure function of the
 * calls made (keyword, counts, ids) and the anchor, never of the clock or of a random seed, so two emulators driven
 * the same way hold the same catalogue.
 *
 * <p>Thread-safe: one monitor; searches take a sorted copy, so a page is never rendered from a half-applied change.
 */
final class Catalogue {

    static final List<String> SOURCES = List.of("BUNJANG", "JOONGNA");
    /** The newest generated listing is posted at this instant unless {@link #anchor(Instant)} says otherwise. */
    static final Instant DEFAULT_ANCHOR = OffsetDateTime.parse("2026-11-25T12:00:00+09:00").toInstant();

    /** source → id → listing (removed ones included: their detail must answer 404, not "unknown"). */
    private final Map<String, Map<String, MarketItem>> items = new HashMap<>();
    /** source → id → "keyword#index" that generated it, so a redefinition reuses its own ids and only those. */
    private final Map<String, Map<String, String>> origins = new HashMap<>();
    /** source → keyword → ids the keyword finds (generated, added, or shared by {@link #overlap}). */
    private final Map<String, Map<String, Set<String>>> found = new HashMap<>();
    /** keyword → the generator index of its next new listing (the same on both sources). */
    private final Map<String, Integer> nextIndex = new HashMap<>();
    /** keyword → churns applied, the seed of which listings the next churn picks. */
    private final Map<String, Integer> churns = new HashMap<>();
    private Instant anchor = DEFAULT_ANCHOR;

    Catalogue() {
        clear();
    }

    static String checkSource(String source) {
        if (!SOURCES.contains(source)) {
            throw new IllegalArgumentException("source must be BUNJANG or JOONGNA, not " + source);
        }
        return source;
    }

    synchronized void anchor(Instant newest) {
        anchor = newest;
    }

    /** {@code size} listings per source for {@code keyword}, replacing whatever it found before; newest at the anchor. */
    synchronized void define(String keyword, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0");
        }
        for (String source : SOURCES) {
            Set<String> ids = new LinkedHashSet<>();
            Instant at = anchor;
            for (int i = 0; i < size; i++) {
                if (i > 0) {
                    at = at.minus(ListingGenerator.gap(source, keyword, i));
                }
                ids.add(put(source, keyword, i, at).id());
            }
            found.get(source).put(keyword, ids);
        }
        nextIndex.put(keyword, size);
    }

    /** {@code count} new listings per source, each newer than anything the keyword finds there; newest first. */
    synchronized Map<String, List<MarketItem>> addNew(String keyword, int count) {
        int first = reserveIndexes(keyword, count);
        Map<String, List<MarketItem>> added = new HashMap<>();
        for (String source : SOURCES) {
            added.put(source, addNew(source, keyword, first, count));
        }
        return added;
    }

    /** The newest {@code count} listings {@code a} finds (per source) are found by {@code b} too. */
    synchronized void overlap(String a, String b, int count) {
        for (String source : SOURCES) {
            List<MarketItem> shared = results(source, a);
            Set<String> target = found.get(source).computeIfAbsent(b, k -> new LinkedHashSet<>());
            shared.stream().limit(count).forEach(item -> target.add(item.id()));
        }
    }

    synchronized void state(String source, String id, ListingState state) {
        MarketItem item = items.get(checkSource(source)).get(id);
        if (item == null) {
            throw new IllegalArgumentException("no " + source + " listing " + id);
        }
        items.get(source).put(id, item.withState(state));
    }

    /**
     * New listings on top, then {@code sold} of the older selling/reserved ones sold and {@code removed} of the other
     * older ones taken down, per source; which ones is drawn from (keyword, how many churns before, source).
     */
    synchronized List<Churn> churn(String keyword, int added, int sold, int removed) {
        if (added < 0 || sold < 0 || removed < 0) {
            throw new IllegalArgumentException("churn counts must be >= 0");
        }
        int round = churns.merge(keyword, 1, Integer::sum);
        int first = reserveIndexes(keyword, added);
        List<Churn> done = new ArrayList<>();
        for (String source : SOURCES) {
            List<String> fresh = addNew(source, keyword, first, added).stream().map(MarketItem::id).toList();
            List<MarketItem> older = new ArrayList<>(results(source, keyword));
            older.removeIf(item -> fresh.contains(item.id()));
            List<MarketItem> sellable = new ArrayList<>(older);
            sellable.removeIf(item -> item.state() == ListingState.SOLD);
            List<String> soldIds = draw(sellable, sold, source, keyword, round, 1_000);
            soldIds.forEach(id -> state(source, id, ListingState.SOLD));
            older.removeIf(item -> soldIds.contains(item.id()));
            List<String> removedIds = draw(older, removed, source, keyword, round, 2_000);
            removedIds.forEach(id -> state(source, id, ListingState.REMOVED));
            done.add(new Churn(source, fresh, soldIds, removedIds));
        }
        return done;
    }

    /** What a search for {@code keyword} shows on {@code source} now: not removed, newest first. */
    synchronized List<MarketItem> results(String source, String keyword) {
        Set<String> ids = found.get(checkSource(source)).getOrDefault(keyword, Set.of());
        List<MarketItem> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            MarketItem item = items.get(source).get(id);
            if (item.state() != ListingState.REMOVED) {
                out.add(item);
            }
        }
        out.sort(MarketItem::newestFirst);
        return out;
    }

    /** Any listing the source ever had, removed ones included (with state {@link ListingState#REMOVED}). */
    synchronized Optional<MarketItem> item(String source, String id) {
        return Optional.ofNullable(items.get(checkSource(source)).get(id));
    }

    synchronized void clear() {
        for (String source : SOURCES) {
            items.put(source, new HashMap<>());
            origins.put(source, new HashMap<>());
            found.put(source, new HashMap<>());
        }
        nextIndex.clear();
        churns.clear();
        anchor = DEFAULT_ANCHOR;
    }

    private int reserveIndexes(String keyword, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0");
        }
        int first = nextIndex.getOrDefault(keyword, 0);
        nextIndex.put(keyword, first + count);
        return first;
    }

    /** Newest first; the first one is {@code gap} after the keyword's newest listing on the source (or the anchor). */
    private List<MarketItem> addNew(String source, String keyword, int firstIndex, int count) {
        List<MarketItem> current = results(source, keyword);
        Instant at = current.isEmpty() ? anchor : current.getFirst().postedAt();
        List<MarketItem> added = new ArrayList<>();
        Set<String> ids = found.get(source).computeIfAbsent(keyword, k -> new LinkedHashSet<>());
        for (int i = firstIndex; i < firstIndex + count; i++) {
            at = at.plus(ListingGenerator.gap(source, keyword, i));
            MarketItem item = put(source, keyword, i, at);
            ids.add(item.id());
            added.addFirst(item);
        }
        return added;
    }

    private MarketItem put(String source, String keyword, int index, Instant postedAt) {
        String origin = keyword + "#" + index;
        Map<String, String> sourceOrigins = origins.get(source);
        MarketItem item = ListingGenerator.item(source, keyword, index, postedAt,
                id -> sourceOrigins.containsKey(id) && !sourceOrigins.get(id).equals(origin));
        items.get(source).put(item.id(), item);
        sourceOrigins.put(item.id(), origin);
        return item;
    }

    private static List<String> draw(List<MarketItem> pool, int count, String source, String keyword, int round, int salt) {
        List<MarketItem> left = new ArrayList<>(pool);
        List<String> drawn = new ArrayList<>();
        for (int k = 0; k < count && !left.isEmpty(); k++) {
            drawn.add(left.remove(ListingGenerator.pick(source, keyword, round, salt + k, left.size())).id());
        }
        return drawn;
    }
}
