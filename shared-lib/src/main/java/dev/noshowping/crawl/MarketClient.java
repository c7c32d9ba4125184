package dev.noshowping.crawl;

import dev.noshowping.net.HttpCall;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GETs marketplace pages politely: per-host concurrency and rate ({@link HostGate}), a User-Agent
 * that says who we are, {@code Retry-After} honoured on 429, backoff on 5xx and timeouts, a bounded
 * number of attempts. One instance per execution environment, shared by every task it runs.
 */
public final class MarketClient {

    /** Longest {@code Retry-After} we wait out; a host asking for more is treated as unavailable. */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

    /**
     * The most of a page we read: a search page is a few hundred KB of HTML; a host that sends more
     * is not answering a search, and a task must not hold megabytes for it.
     */
    static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

    /** A host's answer: its status and headers, and the body of a 200 (read here, capped). */
    private record Answer(HttpCall.Head head, String body) {
    }

    private final CrawlSettings settings;
    private final HttpCall http;
    private final Map<String, HostGate> gates = new ConcurrentHashMap<>();

    public MarketClient(CrawlSettings settings) {
        this.settings = settings;
        this.http = new HttpCall(Duration.ofSeconds(5), settings.requestTimeout()).followingRedirects();
    }

    public CrawlSettings settings() {
        return settings;
    }

    /** The body of a 200; empty for a 404 (the listing is gone). */
    public Optional<String> get(URI uri) {
        return get(uri, 0);
    }

    /** As {@link #get(URI)}; among waiting requests, a lower {@code priority} goes first (see {@link HostGate}). */
    public Optional<String> get(URI uri, int priority) {
        HostGate gate = gates.computeIfAbsent(site(uri),
                h -> new HostGate(settings.hostConcurrency(), settings.hostRatePerSecond()));
        String last = "no attempt";
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            Answer response;
            try {
                gate.acquire(priority);
                try {
                    response = http.send("GET", uri, Map.of("User-Agent", settings.userAgent(),
                            "Accept", "application/json, text/html;q=0.9"), null, (head, body) -> read(head, body, uri));
                } finally {
                    gate.release();
                }
            } catch (IOException e) {
                last = e.toString();
                backoff(gate, attempt);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MarketUnavailable("interrupted");
            }
            int status = response.head().status();
            if (status == 200) {
                return Optional.of(response.body());
            }
            if (status == 404) {
                return Optional.empty();
            }
            last = "HTTP " + status;
            if (status == 429) {
                Duration wait = retryAfter(response);
                if (wait.compareTo(MAX_RETRY_AFTER) > 0) {
                    throw new MarketUnavailable(uri.getHost() + " asked us to wait " + wait.toSeconds() + " s");
                }
                gate.pause(wait);
                continue;
            }
            if (status >= 500) {
                backoff(gate, attempt);
                continue;
            }
            throw new MarketUnavailable(uri.getHost() + " answered " + status + " for " + uri.getPath());
        }
        throw new MarketUnavailable(uri.getHost() + " failed " + settings.maxAttempts() + " times: " + last);
    }

    /**
     * What one gate guards: the configured base URL the request falls under (each is a host in AWS;
     * the local emulator serves all three under one port, and they must still be limited apart),
     * else the host.
     */
    private String site(URI uri) {
        String u = uri.toString();
        for (String base : new String[] {settings.bunjangBaseUrl(), settings.joongnaBaseUrl(), settings.joongnaApiBaseUrl()}) {
            if (u.startsWith(base + "/")) {
                return base;
            }
        }
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    private static void backoff(HostGate gate, int attempt) {
        gate.pause(Duration.ofMillis(250L << Math.min(attempt - 1, 4)));
    }

    /** Reads a 200's body, at most {@link #MAX_BODY_BYTES} (more is a page in a shape we do not know); discards any other's. */
    private static Answer read(HttpCall.Head head, InputStream in, URI uri) throws IOException {
        if (head.status() != 200) {
            return new Answer(head, null);
        }
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new MarketFormatException(uri.getHost() + " sent more than " + MAX_BODY_BYTES + " bytes for "
                    + uri.getPath());
        }
        return new Answer(head, new String(bytes, StandardCharsets.UTF_8));
    }

    private static Duration retryAfter(Answer response) {
        return response.head().header("Retry-After").map(v -> {
            try {
                return Duration.ofSeconds(Long.parseLong(v.strip()));
            } catch (NumberFormatException e) {
                return Duration.ofSeconds(5);
            }
        }).orElse(Duration.ofSeconds(1));
    }
}
