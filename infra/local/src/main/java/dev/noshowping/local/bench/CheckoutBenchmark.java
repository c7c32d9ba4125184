package dev.noshowping.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.config.Environment;
import dev.noshowping.db.Database;
import dev.noshowping.emulator.toss.TossEmulator;
import dev.noshowping.json.Json;
import dev.noshowping.local.LocalStack;
import dev.noshowping.outbox.OutboxPublisher;
import dev.noshowping.testkit.Marketplace;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * {@code ./bench.sh checkout}: buyers race for articles through the local gateway, the winners pay
 * by card at the Toss emulator (answering after a set latency) and confirm. Reports hold and
 * confirm latencies and the counts that prove "exactly once": holds, paid orders, Toss confirm
 * calls, charges, errors. A program, not a test: it asserts nothing, it prints.
 */
public final class CheckoutBenchmark {

    private final LocalStack stack;
    private final List<Long> holdNanos = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> confirmNanos = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> unexpected = new ConcurrentHashMap<>();
    private final List<String> heldOrderIds = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger holds = new AtomicInteger();
    private final AtomicInteger lostRaces = new AtomicInteger();
    private final AtomicInteger paidAnswers = new AtomicInteger();

    private final Cpu cpu;
    private long jvmCpuNanos;
    private long postgresCpuNanos;
    private final List<Round> timedRounds = new ArrayList<>();
    private ThreadCpu threadCpu = new ThreadCpu();

    /** Buyers of a round arrive evenly over this many milliseconds; 0: all in the same instant. */
    private final int spreadMs;

    /**
     * The same B buyers race in every round, each signed in once (a token valid for an hour, as
     * the app keeps it), so a counted round is B returning buyers; their first requests (user row,
     * the gateway's check of a new token) happen in the warm-up. With {@code -f 1} every round
     * brings B buyers never seen before.
     */
    private final boolean freshBuyers;
    private String[] tokens;
    /** Each buyer's own keep-alive connection, as an app keeps one. */
    private BuyerConnection[] connections;

    /**
     * A full collection before each round (JMH's {@code -gc true}): one JVM serves all 250
     * requests of a round, so a young collection that a round's garbage triggers pauses every one
     * of them at once; in AWS each request has its own execution environment and heap. Reported
     * either way: the collections that still fall inside counted rounds, and what a round allocates.
     */
    private final boolean collectBetweenRounds;

    /**
     * Relays each round's outbox rows right after the round, outside the timed window (the
     * default); null when the relay runs on its schedule beside the rounds ({@code -o 1}). In
     * AWS the relay is its own function, in its own execution environment, sending to a managed
     * queue: none of its work is on a confirm's CPU. Here it would share the two cores with the
     * gateway, and ElasticMQ, which answers its SendMessageBatch calls in this JVM, spends 2-3 ms
     * of CPU on each, all in the round a poll lands in. Either way every paid order's
     * notifications must be relayed before the run ends; {@code -o 1} measures the co-located
     * case (docs/benchmarks.md has both).
     */
    private final OutboxPublisher relayBetweenRounds;

    private CheckoutBenchmark(LocalStack stack, Path localDir, int spreadMs, boolean freshBuyers, boolean collectBetweenRounds,
                              OutboxPublisher relayBetweenRounds) {
        this.stack = stack;
        this.spreadMs = spreadMs;
        this.freshBuyers = freshBuyers;
        this.collectBetweenRounds = collectBetweenRounds;
        this.relayBetweenRounds = relayBetweenRounds;
        this.cpu = new Cpu(localDir.resolve("pg"));
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = new BenchOptions("./bench.sh checkout")
                .option("-b", "buyers", 200, 1)
                .option("-a", "articles", 50, 1)
                .option("-r", "rounds", 20, 1)
                .option("-w", "warmup-rounds", 150, 0)
                .option("-l", "toss-latency-ms", 20, 0)
                .option("-s", "spread-ms", 0, 0)
                .option("-f", "fresh-buyers-every-round (0 or 1)", 0, 0)
                .option("-g", "full-collection-before-each-round (0 or 1)", 1, 0)
                .option("-o", "outbox-relay-between-rounds (0) or beside them on its schedule (1)", 0, 0)
                .parse(args);
        int buyers = options.get("-b");
        int articles = options.get("-a");
        int rounds = options.get("-r");
        int warmupRounds = options.get("-w");
        int latencyMs = options.get("-l");
        int spreadMs = options.get("-s");
        boolean freshBuyers = options.get("-f") != 0;
        boolean collectBetweenRounds = options.get("-g") != 0;
        boolean relayBeside = options.get("-o") != 0;
        BenchStack.run("checkout", (stack, dir) -> {
            // paid orders' notifications leave through the outbox relay; sending them (SOLAPI,
            // Discord) is not the checkout's work
            if (relayBeside) {
                stack.startSchedules("OutboxRelayFunction");
            }
            stack.stopConsumers("AlimtalkFunction");
            stack.toss().latency(Duration.ofMillis(latencyMs));
            new CheckoutBenchmark(stack, dir, spreadMs, freshBuyers, collectBetweenRounds,
                    relayBeside ? null : OutboxPublisher.current().orElseThrow())
                    .run(buyers, articles, rounds, warmupRounds, latencyMs);
        });
    }

    private void run(int buyers, int articles, int rounds, int warmupRounds, int latencyMs) throws Exception {
        System.out.printf("checkout: %d %s racing for %d articles, %s, %d rounds after %d warm-up rounds,"
                        + " Toss emulator latency %d ms%n", buyers,
                freshBuyers ? "buyers new in every round" : "buyers (the same in every round)", articles,
                spreadMs == 0 ? "all arriving at once" : "arriving evenly over " + spreadMs + " ms",
                rounds, warmupRounds, latencyMs);
        System.out.println(relayBetweenRounds == null ? "outbox relay on its schedule, beside the rounds"
                : "outbox relay after each round, outside the timed window (-o 0)");
        // warm-up rounds are not counted: class loading and JIT are not what we measure
        for (int w = 1; w <= warmupRounds; w++) {
            round(buyers, articles, "warmup" + w);
        }
        forgetWarmUp();
        for (int r = 1; r <= rounds; r++) {
            round(buyers, articles, "r" + r);
        }
        closeConnections();
        report(latencyMs, rounds * articles);
    }

    /**
     * Warm-up rounds run the very code counted rounds run, recording included, and their figures
     * are dropped here. Code that only counted rounds ran (a branch the warm-up never took) used to
     * be compiled without it, so the first counted rounds deoptimized and recompiled it on 200
     * threads at once: the JIT's log put the slowest rounds of a run among its first four.
     * Errors are the exception: any, in any round, is reported.
     */
    private void forgetWarmUp() {
        holdNanos.clear();
        confirmNanos.clear();
        heldOrderIds.clear();
        holds.set(0);
        lostRaces.set(0);
        paidAnswers.set(0);
        timedRounds.clear();
        threadCpu = new ThreadCpu();
        jvmCpuNanos = 0;
        postgresCpuNanos = 0;
    }

    private void round(int buyers, int articles, String tag) throws Exception {
        // the consumer is stopped, so the relayed messages would pile up in ElasticMQ, in this
        // JVM's heap, and make the collector copy them round after round: drop them
        stack.sqs().purgeQueue(p -> p.queueUrl(stack.queueUrls().get("NotificationsQueue")));
        forgetScreenshots();
        long[] ids = new long[articles];
        for (int i = 0; i < articles; i++) {
            ids[i] = Marketplace.articleOnSale("bench-seller-" + tag + "-" + (i % 5), 100_000 + i);
        }
        if (tokens == null || freshBuyers) {
            tokens = new String[buyers];
            for (int b = 0; b < buyers; b++) {
                tokens[b] = stack.jwt().mint("bench-buyer-" + (freshBuyers ? tag + "-" : "") + b, "USER", Duration.ofHours(1));
            }
        }
        if (connections == null || freshBuyers) {
            closeConnections();
            connections = new BuyerConnection[buyers];
            for (int b = 0; b < buyers; b++) {
                connections[b] = new BuyerConnection(URI.create(stack.gatewayUrl()));
            }
        }
        String[] tokens = this.tokens;
        BuyerConnection[] connections = this.connections;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int b = 0; b < buyers; b++) {
            int buyer = b;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                    // an arrival schedule, not a wait for a result: buyer b comes b/B of the spread later
                    long arrival = (long) spreadMs * 1_000_000L * buyer / buyers;
                    if (arrival > 0) {
                        Thread.sleep(java.time.Duration.ofNanos(arrival));
                    }
                    buy(connections[buyer], tokens[buyer], ids[buyer % articles]);
                } catch (Exception e) {
                    unexpected.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                }
            }));
        }
        if (collectBetweenRounds) {
            System.gc();
        }
        Map<String, Long> threadsBefore = ThreadCpu.sample();
        Cpu.Sample before = cpu.sample();
        Heap heapBefore = Heap.now();
        long raceStart = System.nanoTime();
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        timedRounds.add(new Round(System.nanoTime() - raceStart, Heap.now().minus(heapBefore)));
        threadCpu.add(threadsBefore, ThreadCpu.sample());
        Cpu.Sample after = cpu.sample();
        jvmCpuNanos += after.jvmNanos() - before.jvmNanos();
        postgresCpuNanos += after.postgresNanos() - before.postgresNanos();
        if (relayBetweenRounds != null) {
            while (relayBetweenRounds.publish(500) > 0) {
                // drain: the round's rows, 2 per paid order
            }
        }
    }

    /**
     * Deletes the screenshot objects of earlier rounds (their articles are sold; the checkout
     * never reads them): S3Mock rewrites and re-reads a bucket's whole key list at every request,
     * so a bucket growing by 50 objects a round made the set-up between rounds slower and slower.
     */
    private void forgetScreenshots() {
        String bucket = Environment.current().require("SCREENSHOTS_BUCKET");
        var s3 = stack.s3();
        for (var page : s3.listObjectsV2Paginator(r -> r.bucket(bucket))) {
            if (!page.contents().isEmpty()) {
                s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(page.contents().stream()
                        .map(o -> ObjectIdentifier.builder().key(o.key()).build())
                        .toList())));
            }
        }
    }

    private void buy(BuyerConnection connection, String token, long articleId) throws Exception {
        long start = System.nanoTime();
        BuyerConnection.Response held = connection.post("/orders", token, "{\"articleId\":" + articleId + ",\"guestName\":\"구매자\"}");
        holdNanos.add(System.nanoTime() - start);
        if (held.status() == 409) {
            lostRaces.incrementAndGet();
            return;
        }
        if (held.status() != 201) {
            unexpected.merge("hold " + held.status(), 1, Integer::sum);
            return;
        }
        JsonNode order = Json.MAPPER.readTree(held.body());
        String orderId = order.get("orderId").asText();
        long amount = order.get("amount").asLong();
        holds.incrementAndGet();
        heldOrderIds.add(orderId);
        // what the payment widget does in the app: authenticate the card at Toss
        String paymentKey = stack.toss().checkout(orderId, amount, TossEmulator.Method.CARD);
        start = System.nanoTime();
        BuyerConnection.Response paid = connection.post("/payments/confirm", token,
                "{\"paymentKey\":\"" + paymentKey + "\",\"orderId\":\"" + orderId + "\",\"amount\":" + amount + "}");
        confirmNanos.add(System.nanoTime() - start);
        if (paid.status() == 200 && paid.body().contains("\"status\":\"PAID\"")) {
            paidAnswers.incrementAndGet();
        } else {
            unexpected.merge("confirm " + paid.status(), 1, Integer::sum);
        }
    }

    private void closeConnections() throws java.io.IOException {
        if (connections != null) {
            for (BuyerConnection c : connections) {
                c.close();
            }
        }
    }

    private void report(int latencyMs, int articlesSold) throws Exception {
        int confirmCalls = 0;
        int charges = 0;
        for (String orderId : heldOrderIds) {
            confirmCalls += stack.toss().confirmCalls(orderId);
            charges += stack.toss().charges(orderId);
        }
        Counts orders = countForHeldOrders("""
                select count(*) filter (where status = 'PAID' and origin_order_id = any(?)),
                       count(*) filter (where status in ('PENDING', 'CONFIRMING')) from orders""");
        int paidOrders = orders.first();
        int activeOrders = orders.second();
        Relayed relayed = awaitRelay(Duration.ofSeconds(10));
        Latencies hold = Latencies.of(toArray(holdNanos), 1);
        Latencies confirm = Latencies.of(toArray(confirmNanos), 1);
        int errors = unexpected.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("%n%-34s %8s %8s %8s %8s%n", "", "count", "p50 ms", "p99 ms", "max ms");
        System.out.printf("%-34s %8d %8.3f %8.3f %8.3f%n", "hold     POST /orders", hold.count(), hold.p50Ms(), hold.p99Ms(), hold.maxMs());
        System.out.printf("%-34s %8d %8.3f %8.3f %8.3f%n", "confirm  POST /payments/confirm", confirm.count(),
                confirm.p50Ms(), confirm.p99Ms(), confirm.maxMs());
        System.out.printf("%nholds %d (lost races %d, articles %d) · paid orders %d (answers PAID %d) · Toss confirm calls %d · charges %d · unsettled %d · errors (any round) %d %s%n",
                holds.get(), lostRaces.get(), articlesSold, paidOrders, paidAnswers.get(), confirmCalls, charges,
                activeOrders, errors, unexpected.isEmpty() ? "" : unexpected);
        System.out.printf("notifications of the counted paid orders sent by the outbox relay: %d of %d rows, %.1f s after the last round%n",
                relayed.published(), relayed.rows(), relayed.waitedNanos() / 1e9);
        int requests = hold.count() + confirm.count();
        System.out.printf("round: %.1f ms from the start signal to the last answer (mean of %d)%n",
                timedRounds.stream().mapToLong(Round::nanos).average().orElse(0) / 1e6, timedRounds.size());
        // a confirm's latency is at most the rest of its round: the slowest rounds make the p99
        System.out.printf("rounds, slowest first (ms; * a collection paused the JVM inside it): %s%n", timedRounds.stream()
                .sorted(java.util.Comparator.comparingLong(Round::nanos).reversed())
                .map(r -> String.format("%.0f%s", r.nanos() / 1e6, r.heap().collections() > 0 ? "*" : ""))
                .collect(java.util.stream.Collectors.joining(" ")));
        Heap inRounds = timedRounds.stream().map(Round::heap).reduce(new Heap(0, 0, 0), Heap::plus);
        System.out.printf("heap: %.1f MB allocated per round (%.0f KB per request); collections inside counted rounds: %d, %d ms in all%s%n",
                inRounds.allocated() / 1e6 / timedRounds.size(), inRounds.allocated() / 1e3 / requests,
                inRounds.collections(), inRounds.collectionMillis(), collectBetweenRounds ? " (a full collection before each round)" : "");
        System.out.printf("cpu per request (holds and confirms, clients and Toss emulator included): jvm %.3f ms + postgres %.3f ms%n",
                jvmCpuNanos / 1e6 / requests, postgresCpuNanos / 1e6 / requests);
        System.out.println("jvm cpu by thread group, counted rounds:");
        threadCpu.print("  ");
        goal("0 errors", errors == 0, Integer.toString(errors));
        goal("one hold per article", holds.get() == articlesSold, holds.get() + " holds for " + articlesSold + " articles");
        goal("confirm calls = paid orders", confirmCalls == paidOrders && charges == paidOrders,
                confirmCalls + " calls, " + charges + " charges, " + paidOrders + " paid");
        goal("every notification relayed", relayed.rows() == 2 * paidOrders && relayed.published() == relayed.rows(),
                relayed.published() + " of " + relayed.rows() + " rows (2 per paid order)");
        goal("confirm p99 ≤ 100 ms + " + latencyMs + " ms", confirm.p99Ms() <= 100 + latencyMs,
                String.format("%.3f ms", confirm.p99Ms()));
        System.out.printf("machine   %d CPUs, %s; Toss emulator on loopback answering after %d ms%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.vendor") + " "
                        + System.getProperty("java.runtime.version"), latencyMs);
    }

    private record Round(long nanos, Heap heap) {
    }

    /** Collections so far, by the JVM's own count (which rounds a pause fell into), and bytes allocated so far. */
    private record Heap(long collections, long collectionMillis, long allocated) {
        static Heap now() {
            long count = 0;
            long millis = 0;
            for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
                count += Math.max(0, gc.getCollectionCount());
                millis += Math.max(0, gc.getCollectionTime());
            }
            long allocated = java.lang.management.ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                    ? t.getTotalThreadAllocatedBytes() : -1;
            return new Heap(count, millis, allocated);
        }

        Heap minus(Heap earlier) {
            return new Heap(collections - earlier.collections, collectionMillis - earlier.collectionMillis, allocated - earlier.allocated);
        }

        Heap plus(Heap other) {
            return new Heap(collections + other.collections, collectionMillis + other.collectionMillis, allocated + other.allocated);
        }
    }

    private record Relayed(int rows, int published, long waitedNanos) {
    }

    /**
     * Waits until the relay has sent the outbox rows of the counted orders, or {@code limit} has
     * passed: the relay polls each second, so this looks every 100 ms rather than guess a time.
     */
    private Relayed awaitRelay(Duration limit) throws Exception {
        long start = System.nanoTime();
        while (true) {
            Counts outbox = countForHeldOrders("""
                    select count(*), count(*) filter (where published_at is not null) from outbox
                    where topic like 'order.paid.%' and payload ->> 'orderId' = any(?)""");
            long waited = System.nanoTime() - start;
            if (outbox.second() == outbox.first() || waited > limit.toNanos()) {
                return new Relayed(outbox.first(), outbox.second(), waited);
            }
            Thread.sleep(100);
        }
    }

    private record Counts(int first, int second) {
    }

    /** Runs a query of two counts whose one parameter is the array of the counted rounds' held order ids. */
    private Counts countForHeldOrders(String sql) throws Exception {
        try (Connection c = Database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            synchronized (heldOrderIds) {
                s.setArray(1, c.createArrayOf("text", heldOrderIds.toArray()));
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Counts(rs.getInt(1), rs.getInt(2));
            }
        }
    }

    private static void goal(String goal, boolean met, String value) {
        System.out.printf("goal %-34s %s %s%n", goal, met ? "✓" : "✗", value);
    }

    private static long[] toArray(List<Long> values) {
        synchronized (values) {
            return values.stream().mapToLong(Long::longValue).toArray();
        }
    }
}
