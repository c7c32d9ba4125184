package dev.noshowping.local.bench;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.noshowping.config.Environment;
import dev.noshowping.db.Database;
import dev.noshowping.local.LocalStack;
import dev.noshowping.testkit.Rows;
import dev.noshowping.testkit.Marketplace;
import dev.noshowping.testkit.market.MarketItem;
import dev.noshowping.testkit.market.MarketplaceEmulator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./bench.sh resale}: N articles due for their 24 h check, each linked to one marketplace
 * listing (half Bunjang, half Joongna; 5 % of them sold there, 5 % reserved), checked through the
 * local stack (schedule → fan-out → resale-checks queue → worker → marketplace emulator answering
 * after L ms) with c look-ups per host at once. Prints the wall time from the fan-out to the last
 * check stored, the physical limit ⌈look-ups per host ÷ c⌉ × L, the ratio, and the outcomes.
 * A program, not a test: it asserts nothing, it prints.
 */
public final class ResaleBenchmark {

    private ResaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = new BenchOptions("./bench.sh resale")
                .option("-n", "articles", 10_000, 1)
                .option("-c", "per-host-concurrency", 8, 1)
                .option("-l", "latency-ms", 20, 0)
                .parse(args);
        int articles = options.get("-n");
        int concurrency = options.get("-c");
        int latencyMs = options.get("-l");
        BenchStack.run("resale", (stack, dir) -> {
            Map<String, String> env = new HashMap<>(Environment.current().asMap());
            env.put("CRAWL_HOST_CONCURRENCY", Integer.toString(concurrency));
            env.put("CRAWL_HOST_RATE_PER_SECOND", "0");   // measured against the concurrency limit alone
            Environment.install(env);
            run(stack, articles, concurrency, latencyMs);
        });
    }

    private static void run(LocalStack stack, int n, int concurrency, int latencyMs) throws Exception {
        MarketplaceEmulator market = stack.market();
        market.reset();
        String keyword = "벤치 재판매";
        market.catalogue(keyword, (n + 1) / 2);
        List<MarketItem> items = new ArrayList<>(market.items(MarketplaceEmulator.BUNJANG, keyword));
        items.addAll(market.items(MarketplaceEmulator.JOONGNA, keyword));
        items = items.subList(0, n);
        for (int i = 0; i < items.size(); i += 20) {
            market.sell(items.get(i).source(), items.get(i).id());
            if (i + 10 < items.size()) {
                market.reserve(items.get(i + 10).source(), items.get(i + 10).id());
            }
        }
        System.out.printf("resale: %d due articles, one listing each (Bunjang/Joongna half and half), %d ms per look-up, %d per host at once%n",
                n, latencyMs, concurrency);
        long template = Marketplace.articleOnSale("bench-resale-seller", 100_000);
        try (Connection c = Database.dataSource().getConnection()) {
            c.createStatement().executeUpdate("update article set next_resale_check_at = now() + interval '1 day' where id = " + template);
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    insert into article (merchant_id, title, accommodation_name, region, check_in, check_out,
                                         original_price, sale_price, next_resale_check_at)
                    select merchant_id, title || ' ' || g, accommodation_name, region, check_in, check_out,
                           original_price, sale_price, now() - interval '1 minute'
                    from article, generate_series(1, ?) g where id = ?
                    returning id""")) {
                s.setInt(1, n);
                s.setLong(2, template);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("""
                    insert into external_link (article_id, source, external_id, url)
                    select * from unnest(?::bigint[], ?::text[], ?::text[], ?::text[])""")) {
                List<MarketItem> linked = items;
                s.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                s.setArray(2, c.createArrayOf("text", linked.stream().map(MarketItem::source).toArray()));
                s.setArray(3, c.createArrayOf("text", linked.stream().map(MarketItem::id).toArray()));
                s.setArray(4, c.createArrayOf("text", linked.stream().map(i -> i.source().equals(MarketplaceEmulator.BUNJANG)
                        ? "https://m.bunjang.co.kr/products/" + i.id() : "https://web.joongna.com/product/" + i.id()).toArray()));
                s.executeUpdate();
            }
        }
        market.resetCounters();
        market.latency(Duration.ofMillis(latencyMs));

        long start = System.nanoTime();
        ScheduledEvent event = new ScheduledEvent();
        event.setDetailType("Scheduled Event");
        event.setSource("aws.scheduler");
        Object fanout = stack.host().invoke("ResaleFanoutFunction", "schedule", "", event, String::valueOf);
        long queuedAt = System.nanoTime();
        long checks = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (System.nanoTime() < deadline) {
            checks = count("select count(*) from resale_check");
            if (checks >= n) {
                break;
            }
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int perHost = Math.max(market.detailRequests(MarketplaceEmulator.BUNJANG).size(),
                market.detailRequests(MarketplaceEmulator.JOONGNA).size());
        double limit = Math.ceil((double) perHost / concurrency) * latencyMs / 1000.0;

        System.out.printf("fan-out            %s in %.2f s%n", fanout, (queuedAt - start) / 1e9);
        System.out.printf("checks stored      %d of %d in %.2f s (%.0f per second)%n", checks, n, seconds, checks / seconds);
        System.out.printf("look-ups           Bunjang %d, Joongna %d; peak in flight %d / %d (limit %d each)%n",
                market.detailRequests(MarketplaceEmulator.BUNJANG).size(), market.detailRequests(MarketplaceEmulator.JOONGNA).size(),
                market.maxConcurrent(MarketplaceEmulator.BUNJANG), market.maxConcurrent(MarketplaceEmulator.JOONGNA), concurrency);
        System.out.printf("physical limit     ⌈%d look-ups per host ÷ %d⌉ × %d ms = %.2f s%n", perHost, concurrency, latencyMs, limit);
        System.out.printf("ratio              %.2f%n", seconds / limit);
        System.out.printf("outcomes           sold elsewhere %d, product checks queued %d, errors %d, still due %d%n",
                count("select count(*) from article where status = 'SOLD_ELSEWHERE'"),
                count("select count(*) from outbox where topic = 'article.recheck'"),
                count("select count(*) from resale_check where outcome = 'ERROR'"),
                count("select count(*) from article where status = 'ON_SALE' and next_resale_check_at <= now()"));
    }

    private static long count(String sql) throws Exception {
        return Rows.number(Database.dataSource(), sql);
    }
}
