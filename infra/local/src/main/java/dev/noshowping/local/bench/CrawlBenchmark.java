package dev.noshowping.local.bench;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.noshowping.config.Environment;
import dev.noshowping.db.Database;
import dev.noshowping.local.LocalStack;
import dev.noshowping.testkit.market.MarketplaceEmulator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./bench.sh crawl}: K keywords × 2 sources, each search P pages deep, crawled through the
 * local stack (schedule → fan-out → crawl-tasks queue → worker → marketplace emulator answering
 * every request after L ms) with a per-host concurrency of c. Prints the wall time from the fan-out
 * to the run's close, the pages fetched, the physical limit ⌈pages per host ÷ c⌉ × L and the ratio,
 * and the pages fetched past each walk's stop. Then the seed's case: one keyword, 20 listings.
 * A program, not a test: it asserts nothing, it prints.
 */
public final class CrawlBenchmark {

    private CrawlBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = new BenchOptions("./bench.sh crawl")
                .option("-k", "keywords", 6, 1)
                .option("-p", "pages", 5, 1)
                .option("-c", "per-host-concurrency", 2, 1)
                .option("-l", "latency-ms", 200, 0)
                .parse(args);
        int keywords = options.get("-k");
        int pages = options.get("-p");
        int concurrency = options.get("-c");
        int latencyMs = options.get("-l");
        BenchStack.run("crawl", (stack, dir) -> {
            int pageSize = 50;
            Map<String, String> env = new HashMap<>(Environment.current().asMap());
            env.put("CRAWL_HOST_CONCURRENCY", Integer.toString(concurrency));
            env.put("CRAWL_HOST_RATE_PER_SECOND", "0");   // measured against the concurrency limit alone
            env.put("CRAWL_BUNJANG_PAGE_SIZE", Integer.toString(pageSize));
            Environment.install(env);
            MarketplaceEmulator market = stack.market();
            market.reset();
            market.joongnaPageSize(pageSize);
            market.latency(Duration.ofMillis(latencyMs));

            System.out.printf("crawl: %d keywords × 2 sources × %d pages of %d, %d ms per request, %d per host at once%n",
                    keywords, pages, pageSize, latencyMs, concurrency);
            // one unmeasured run first: class loading, JIT and the pool's first connections are not what we measure
            market.catalogue("벤치 예열", pageSize * 2);
            crawl(stack, List.of("벤치 예열"));
            market.resetCounters();
            List<String> words = new java.util.ArrayList<>();
            for (int k = 0; k < keywords; k++) {
                words.add("벤치 양도 " + (k + 1));
                market.catalogue(words.getLast(), pages * pageSize);
            }
            Result r = crawl(stack, words);
            // each walk needs its P pages and the empty page that ends it
            int perHost = keywords * (pages + 1);
            double limit = Math.ceil((double) perHost / concurrency) * latencyMs / 1000.0;
            int past = 0;
            for (String w : words) {
                for (String source : List.of(MarketplaceEmulator.BUNJANG, MarketplaceEmulator.JOONGNA)) {
                    // the stop page is page P+1 of ours: Bunjang counts its pages from 0
                    int stopPage = source.equals(MarketplaceEmulator.BUNJANG) ? pages : pages + 1;
                    past += (int) market.searchPages(source, w).stream().filter(p -> p > stopPage).count();
                }
            }
            System.out.printf("wall time          %.2f s (fan-out to the run's close)%n", r.seconds);
            System.out.printf("pages fetched      %d (Bunjang %d, Joongna %d); listings new %d%n", r.pages,
                    market.requests(MarketplaceEmulator.BUNJANG), market.requests(MarketplaceEmulator.JOONGNA), r.newListings);
            System.out.printf("physical limit     ⌈%d pages per host ÷ %d⌉ × %d ms = %.2f s%n", perHost, concurrency, latencyMs, limit);
            System.out.printf("ratio              %.2f   (goal ≤ 1.3)%n", r.seconds / limit);
            System.out.printf("pages past stop    %d   (goal 0)%n", past);
            System.out.printf("peak in flight     Bunjang %d, Joongna %d (limit %d each)%n",
                    market.maxConcurrent(MarketplaceEmulator.BUNJANG), market.maxConcurrent(MarketplaceEmulator.JOONGNA), concurrency);

            // the seed's case: 20 listings for one keyword took it 27 s with Selenium and threads
            market.reset();
            market.latency(Duration.ofMillis(latencyMs));
            market.joongnaPageSize(pageSize);
            market.catalogue("숙박 양도 seed", 20);
            Result seed = crawl(stack, List.of("숙박 양도 seed"));
            System.out.printf("seed's case        %d listings per source found in %.2f s (the seed: 20 in 27 s)%n",
                    seed.newListings / 2, seed.seconds);
        });
    }

    private record Result(double seconds, int pages, int newListings) {
    }

    /** Replaces the keywords, fires the fan-out and waits for the run to close. */
    private static Result crawl(LocalStack stack, List<String> words) throws Exception {
        try (Connection c = Database.dataSource().getConnection()) {
            c.createStatement().executeUpdate("update crawl_keyword set active = false");
            try (PreparedStatement s = c.prepareStatement(
                    "insert into crawl_keyword (keyword) values (?) on conflict (keyword) do update set active = true")) {
                for (String w : words) {
                    s.setString(1, w);
                    s.executeUpdate();
                }
            }
        }
        long start = System.nanoTime();
        ScheduledEvent event = new ScheduledEvent();
        event.setDetailType("Scheduled Event");
        event.setSource("aws.scheduler");
        Object summary = stack.host().invoke("CrawlFanoutFunction", "schedule", "", event, String::valueOf);
        long runId = ((Number) ((Map<?, ?>) summary).get("runId")).longValue();
        while (true) {
            try (Connection c = Database.dataSource().getConnection();
                 PreparedStatement s = c.prepareStatement(
                         "select finished_at is not null, pages_fetched, listings_new from crawl_run where id = ?")) {
                s.setLong(1, runId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return new Result((System.nanoTime() - start) / 1e9, rs.getInt(2), rs.getInt(3));
                    }
                }
            }
            Thread.sleep(10);
        }
    }
}
