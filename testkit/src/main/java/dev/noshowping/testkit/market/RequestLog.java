package dev.noshowping.testkit.market;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the crawler asked of each source: how much, which pages in which order, which items it re-checked, and the
 * most requests it had in flight at once (the per-host concurrency limit made visible). Thread-safe.
 */
final class RequestLog {

    private static final class SourceLog {
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        final Map<String, List<Integer>> pages = new ConcurrentHashMap<>();
        final List<String> details = new ArrayList<>();
    }

    private final AtomicInteger total = new AtomicInteger();
    private final Map<String, SourceLog> sources = new LinkedHashMap<>();

    RequestLog() {
        for (String source : Catalogue.SOURCES) {
            sources.put(source, new SourceLog());
        }
    }

    /** A request for {@code source} arrived; it is in flight until {@link #end}. */
    void begin(String source) {
        SourceLog log = sources.get(source);
        total.incrementAndGet();
        log.requests.incrementAndGet();
        int now = log.inFlight.incrementAndGet();
        log.peak.accumulateAndGet(now, Math::max);
    }

    void end(String source) {
        sources.get(source).inFlight.decrementAndGet();
    }

    void searchPage(String source, String keyword, int page) {
        List<Integer> pages = sources.get(source).pages.computeIfAbsent(keyword, k -> new ArrayList<>());
        synchronized (pages) {
            pages.add(page);
        }
    }

    void detail(String source, String id) {
        List<String> details = sources.get(source).details;
        synchronized (details) {
            details.add(id);
        }
    }

    int total() {
        return total.get();
    }

    int requests(String source) {
        return of(source).requests.get();
    }

    List<Integer> searchPages(String source, String keyword) {
        List<Integer> pages = of(source).pages.getOrDefault(keyword, List.of());
        synchronized (pages) {
            return List.copyOf(pages);
        }
    }

    List<String> detailRequests(String source) {
        List<String> details = of(source).details;
        synchronized (details) {
            return List.copyOf(details);
        }
    }

    int maxConcurrent(String source) {
        return of(source).peak.get();
    }

    /** Zeroes the counters. Requests still in flight stay counted as in flight, so the peak restarts from them. */
    void reset() {
        total.set(0);
        for (SourceLog log : sources.values()) {
            log.requests.set(0);
            log.peak.set(log.inFlight.get());
            log.pages.clear();
            synchronized (log.details) {
                log.details.clear();
            }
        }
    }

    /** The counters as {@code GET /_local/market/requests} shows them. */
    Map<String, Object> snapshot() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", total());
        Map<String, Object> perSource = new LinkedHashMap<>();
        for (String source : sources.keySet()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("requests", requests(source));
            one.put("maxConcurrent", maxConcurrent(source));
            Map<String, List<Integer>> pages = new LinkedHashMap<>();
            new java.util.TreeSet<>(of(source).pages.keySet()).forEach(k -> pages.put(k, searchPages(source, k)));
            one.put("searchPages", pages);
            one.put("detailRequests", detailRequests(source));
            perSource.put(source, one);
        }
        out.put("sources", perSource);
        return out;
    }

    private SourceLog of(String source) {
        return sources.get(Catalogue.checkSource(source));
    }
}
