package dev.noshowping.testkit.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.noshowping.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The two second-hand marketplaces the crawler reads, Bunjang and Joongna, on one real socket for tests, benchmarks
 * and the local stack. It serves exactly the shapes of the design's marketplaces.md; {@code docs/marketplaces.md}
 * lists them and what the emulator chose where the design is silent.
 *
 * <p>Each real host is a path prefix, so the crawler's base URLs are plain configuration:
 * {@link #bunjangBaseUrl()} stands for {@code https://api.bunjang.co.kr}, {@link #joongnaBaseUrl()} for
 * {@code https://web.joongna.com}, {@link #joongnaApiBaseUrl()} for {@code https://product-api.joongna.com}.
 *
 * <p>The catalogue is generated from keywords and counts alone ({@link #catalogue}, {@link #addNew}, {@link #churn}),
 * so every run on every machine sees the same listings; faults, latency and request accounting let tests check the
 * crawler's politeness (Retry-After, back-off, per-host concurrency) and its stop condition.
 *
 * <p>Thread-safe: the catalogue has one monitor, the counters are atomic, faults are concurrent queues.
 */
public final class MarketplaceEmulator implements AutoCloseable {

    public static final String BUNJANG = "BUNJANG";
    public static final String JOONGNA = "JOONGNA";
    public static final int DEFAULT_JOONGNA_PAGE_SIZE = 50;
    public static final int DEFAULT_RETRY_AFTER_SECONDS = 1;

    public enum Fault {
        /** 429 with {@code Retry-After: <seconds>} ({@link #retryAfterSeconds(int)}). */
        RATE_LIMITED,
        /** Bunjang 500, Joongna web 503, Joongna API 500. */
        SERVER_ERROR,
        /** 200 in a changed format: Bunjang JSON without {@code list} / {@code data.product}, Joongna HTML without embedded data / JSON without {@code data}. */
        BROKEN_PAGE
    }

    private static final String LOCAL = "/_local/market/";

    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    private final Catalogue catalogue = new Catalogue();
    private final RequestLog log = new RequestLog();
    private final Map<String, ConcurrentLinkedDeque<Fault>> faults = Map.of(
            BUNJANG, new ConcurrentLinkedDeque<>(), JOONGNA, new ConcurrentLinkedDeque<>());
    private volatile Duration latency = Duration.ZERO;
    private volatile JoongnaForm joongnaForm = JoongnaForm.ALTERNATE;
    private volatile int joongnaPageSize = DEFAULT_JOONGNA_PAGE_SIZE;
    private volatile int retryAfterSeconds = DEFAULT_RETRY_AFTER_SECONDS;

    private MarketplaceEmulator(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
        this.baseUrl = "http://localhost:" + server.getAddress().getPort();
    }

    /** Starts on {@code port} (0 = any free port), bound to the loopback interface, with an empty catalogue. */
    public static MarketplaceEmulator start(int port) {
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 200);
            server.setExecutor(executor);
            MarketplaceEmulator market = new MarketplaceEmulator(server, executor);
            server.createContext("/", market::handle);
            server.start();
            return market;
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot start the marketplace emulator on port " + port, e);
        }
    }

    /** {@code http://localhost:<port>}; helper routes under {@code /_local/market/}. */
    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stands for {@code https://api.bunjang.co.kr}: {@code /api/1/find_v2.json}, {@code /api/pms/v3/products-detail/{pid}}. */
    public String bunjangBaseUrl() {
        return baseUrl + "/bunjang";
    }

    /** Stands for {@code https://web.joongna.com}: {@code /search/{kw}?page=}. */
    public String joongnaBaseUrl() {
        return baseUrl + "/joongna";
    }

    /** Stands for {@code https://product-api.joongna.com}: {@code /basic/{seq}?increaseViewCount=false}. */
    public String joongnaApiBaseUrl() {
        return baseUrl + "/joongna-api";
    }

    // ------------------------------------------------------------------ the catalogue

    /**
     * Defines (or redefines) what {@code keyword} finds: {@code size} generated listings on each source, newest first,
     * the newest posted at the anchor. Same keyword and size, same listings, on every run.
     */
    public void catalogue(String keyword, int size) {
        catalogue.define(keyword, size);
    }

    /** The instant of the newest listing generated by later {@link #catalogue} calls (default 2026-11-25 12:00 KST). */
    public void anchor(Instant newest) {
        catalogue.anchor(newest);
    }

    /** The newest {@code count} listings {@code keywordA} finds (per source) are found by {@code keywordB} too, merged by date. */
    public void overlap(String keywordA, String keywordB, int count) {
        catalogue.overlap(keywordA, keywordB, count);
    }

    /** {@code count} new listings on each source, newer than anything the keyword finds; source → ids newest first. */
    public Map<String, List<MarketItem>> addNew(String keyword, int count) {
        return catalogue.addNew(keyword, count);
    }

    /** Search shows {@code "3"} / {@code state 3}; the detail {@code SOLD_OUT} / {@code state 3}. */
    public void sell(String source, String id) {
        catalogue.state(source, id, ListingState.SOLD);
    }

    public void reserve(String source, String id) {
        catalogue.state(source, id, ListingState.RESERVED);
    }

    /** Gone from every search; the detail answers 404. */
    public void remove(String source, String id) {
        catalogue.state(source, id, ListingState.REMOVED);
    }

    /**
     * Inventory moving between two crawls, on each source: {@code added} new listings on top, {@code sold} older
     * unsold listings sold, {@code removed} other older listings taken down. Which ones is deterministic.
     */
    public List<Churn> churn(String keyword, int added, int sold, int removed) {
        return catalogue.churn(keyword, added, sold, removed);
    }

    /** What a search for {@code keyword} on {@code source} shows now, newest first, across all pages. */
    public List<MarketItem> items(String source, String keyword) {
        return catalogue.results(source, keyword);
    }

    /** Any listing the source ever had; a removed one has state {@link ListingState#REMOVED}. */
    public Optional<MarketItem> item(String source, String id) {
        return catalogue.item(source, id);
    }

    // ------------------------------------------------------------------ how it serves

    public void joongnaForm(JoongnaForm form) {
        joongnaForm = form;
    }

    /** Listings per Joongna search page (the real site's page size is not a parameter). */
    public void joongnaPageSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("page size must be >= 1");
        }
        joongnaPageSize = size;
    }

    /** Added to every marketplace request (not to helper routes) while the request counts as in flight. */
    public void latency(Duration added) {
        if (added.isNegative()) {
            throw new IllegalArgumentException("latency must be >= 0");
        }
        latency = added;
    }

    /** The next {@code times} search or detail requests for {@code source} suffer {@code fault}, in order. */
    public void inject(String source, Fault fault, int times) {
        ConcurrentLinkedDeque<Fault> queue = faults.get(Catalogue.checkSource(source));
        for (int i = 0; i < times; i++) {
            queue.addLast(fault);
        }
    }

    /** The {@code Retry-After} of {@link Fault#RATE_LIMITED} (default 1). */
    public void retryAfterSeconds(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("Retry-After must be >= 0");
        }
        retryAfterSeconds = seconds;
    }

    // ------------------------------------------------------------------ accounting

    /** Marketplace requests received on both sources, whatever their answer (helper routes not counted). */
    public int requests() {
        return log.total();
    }

    public int requests(String source) {
        return log.requests(source);
    }

    /** The page numbers searched for {@code keyword}, as sent (Bunjang 0-based, Joongna 1-based), in arrival order. */
    public List<Integer> searchPages(String source, String keyword) {
        return log.searchPages(source, keyword);
    }

    /** The ids whose detail was requested, in arrival order (repeats kept). */
    public List<String> detailRequests(String source) {
        return log.detailRequests(source);
    }

    /** The most requests for {@code source} in flight at once since the last reset (both Joongna hosts count together). */
    public int maxConcurrent(String source) {
        return log.maxConcurrent(source);
    }

    /** Zeroes the counters only; catalogue, faults and settings stay. */
    public void resetCounters() {
        log.reset();
    }

    /** Back to the state of {@link #start}: empty catalogue, no faults, no latency, zero counters, default settings. */
    public void reset() {
        catalogue.clear();
        faults.values().forEach(ConcurrentLinkedDeque::clear);
        latency = Duration.ZERO;
        joongnaForm = JoongnaForm.ALTERNATE;
        joongnaPageSize = DEFAULT_JOONGNA_PAGE_SIZE;
        retryAfterSeconds = DEFAULT_RETRY_AFTER_SECONDS;
        log.reset();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ------------------------------------------------------------------ HTTP

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            if (path.startsWith(LOCAL)) {
                write(exchange, local(method, path.substring(LOCAL.length()), body));
                return;
            }
            String source = MarketRequest.sourceOf(path);
            if (source == null) {
                write(exchange, Answer.json(404, Map.of("message", "no marketplace at " + path
                        + " (use /bunjang, /joongna, /joongna-api or /_local/market)")));
                return;
            }
            log.begin(source);
            try {
                write(exchange, market(method, path, exchange.getRequestURI().getRawQuery()));
            } finally {
                log.end(source);
            }
        }
    }

    private Answer market(String method, String path, String rawQuery) {
        MarketRequest request;
        try {
            request = MarketRequest.parse(path, rawQuery);
        } catch (IllegalArgumentException e) { // a malformed percent escape
            return path.startsWith("/bunjang/") ? BunjangAnswers.badRequest("malformed URL: " + e.getMessage())
                    : JoongnaAnswers.badSearch("malformed URL");
        }
        if (request.search() && request.keyword() != null && request.page() != null) {
            log.searchPage(request.source(), request.keyword(), request.page());
        }
        if (request.detail()) {
            log.detail(request.source(), request.id());
        }
        pause();
        if (request.route() == MarketRequest.Route.UNKNOWN || !"GET".equals(method)) {
            return request.source().equals(BUNJANG) ? Answer.json(404, Answer.object("result", "fail", "reason", "NOT_FOUND"))
                    : JoongnaAnswers.pageNotFound();
        }
        Fault fault = faults.get(request.source()).pollFirst();
        if (fault != null) {
            return fault(fault, request);
        }
        return switch (request.route()) {
            case BUNJANG_SEARCH -> request.problem() != null ? BunjangAnswers.badRequest(request.problem())
                    : BunjangAnswers.search(request.keyword(), request.page(), bunjangPage(request), total(request));
            case BUNJANG_DETAIL -> live(BUNJANG, request.id()).map(BunjangAnswers::detail)
                    .orElseGet(() -> BunjangAnswers.notFound(request.id()));
            case JOONGNA_SEARCH -> request.problem() != null ? JoongnaAnswers.badSearch(request.problem())
                    : JoongnaAnswers.search(joongnaForm.on(request.page()), request.keyword(), request.page(),
                    joongnaPage(request), total(request));
            case JOONGNA_DETAIL -> live(JOONGNA, request.id()).map(JoongnaAnswers::detail)
                    .orElseGet(() -> JoongnaAnswers.notFound(request.id()));
            case UNKNOWN -> throw new IllegalStateException("handled above");
        };
    }

    private Answer fault(Fault fault, MarketRequest request) {
        MarketRequest.Route route = request.route();
        boolean bunjang = request.source().equals(BUNJANG);
        return switch (fault) {
            case RATE_LIMITED -> bunjang ? BunjangAnswers.tooManyRequests(retryAfterSeconds)
                    : route == MarketRequest.Route.JOONGNA_SEARCH ? JoongnaAnswers.tooManyRequests(retryAfterSeconds)
                    : JoongnaAnswers.apiTooManyRequests(retryAfterSeconds);
            case SERVER_ERROR -> bunjang ? BunjangAnswers.serverError()
                    : route == MarketRequest.Route.JOONGNA_SEARCH ? JoongnaAnswers.unavailable() : JoongnaAnswers.apiServerError();
            case BROKEN_PAGE -> switch (route) {
                case BUNJANG_SEARCH -> BunjangAnswers.brokenSearch(request.problem() == null ? bunjangPage(request) : List.of());
                case BUNJANG_DETAIL -> BunjangAnswers.brokenDetail(request.id());
                case JOONGNA_SEARCH -> JoongnaAnswers.brokenSearch(String.valueOf(request.keyword()),
                        request.problem() == null ? joongnaPage(request) : List.of());
                case JOONGNA_DETAIL, UNKNOWN -> JoongnaAnswers.brokenDetail(request.id());
            };
        };
    }

    private List<MarketItem> bunjangPage(MarketRequest request) {
        return slice(catalogue.results(BUNJANG, request.keyword()), (long) request.page() * request.size(), request.size());
    }

    private List<MarketItem> joongnaPage(MarketRequest request) {
        int size = joongnaPageSize;
        return slice(catalogue.results(JOONGNA, request.keyword()), (long) (request.page() - 1) * size, size);
    }

    private int total(MarketRequest request) {
        return catalogue.results(request.source(), request.keyword()).size();
    }

    private static List<MarketItem> slice(List<MarketItem> all, long from, int size) {
        if (from >= all.size()) {
            return List.of();
        }
        return List.copyOf(all.subList((int) from, (int) Math.min(all.size(), from + size)));
    }

    private Optional<MarketItem> live(String source, String id) {
        return catalogue.item(source, id).filter(item -> item.state() != ListingState.REMOVED);
    }

    private void pause() {
        Duration d = latency;
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ helper routes

    private Answer local(String method, String route, byte[] body) {
        try {
            if ("GET".equals(method) && route.equals("requests")) {
                return Answer.json(200, log.snapshot());
            }
            if (!"POST".equals(method)) {
                return Answer.json(404, Map.of("message", "no helper " + method + " /_local/market/" + route));
            }
            JsonNode in = body.length == 0 ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(body);
            return switch (route) {
                case "reset" -> {
                    reset();
                    yield Answer.json(200, Map.of());
                }
                case "faults" -> {
                    inject(required(in, "source").asText(), Fault.valueOf(required(in, "fault").asText()),
                            in.path("times").asInt(1));
                    yield Answer.json(200, Map.of());
                }
                case "latency" -> {
                    latency(Duration.ofMillis(required(in, "millis").asLong()));
                    yield Answer.json(200, Map.of("millis", latency.toMillis()));
                }
                case "churn" -> Answer.json(200, churn(required(in, "keyword").asText(), in.path("added").asInt(0),
                        in.path("sold").asInt(0), in.path("removed").asInt(0)));
                case "catalogue" -> {
                    catalogue(required(in, "keyword").asText(), required(in, "size").asInt());
                    Map<String, Object> sizes = new LinkedHashMap<>();
                    for (String source : Catalogue.SOURCES) {
                        sizes.put(source, items(source, in.get("keyword").asText()).size());
                    }
                    yield Answer.json(200, sizes);
                }
                default -> Answer.json(404, Map.of("message", "no helper POST /_local/market/" + route));
            };
        } catch (IOException | IllegalArgumentException e) {
            return Answer.json(400, Map.of("message", String.valueOf(e.getMessage())));
        }
    }

    private static JsonNode required(JsonNode in, String field) {
        JsonNode value = in == null ? null : in.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    private static void write(HttpExchange exchange, Answer answer) throws IOException {
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        if (answer.body().length > 0) {
            exchange.getResponseBody().write(answer.body());
        }
    }
}
