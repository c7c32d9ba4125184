package dev.noshowping.local.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.noshowping.article.ArticleRules;
import dev.noshowping.article.MarketplaceLink;
import dev.noshowping.article.CreateArticle;
import dev.noshowping.article.NewArticle;
import dev.noshowping.config.Environment;
import dev.noshowping.crypto.FieldCipher;
import dev.noshowping.db.Database;
import dev.noshowping.db.Transaction;
import dev.noshowping.json.Json;
import dev.noshowping.local.LocalStack;
import dev.noshowping.local.SamTemplate;
import dev.noshowping.testkit.Marketplace;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * {@code ./bench.sh article-create [-c clients] [-n requests] [-w warmup]}: {@code POST /articles}
 * end to end through the local gateway of an in-process {@link LocalStack}, against a baseline that
 * writes the same rows with one hand-written JDBC transaction on the same pool. Three rows in
 * between split the difference: the HTTP round trip alone (a 404 from the gateway), the handler
 * invoked without HTTP, and the endpoint's own SQL without HTTP or JSON. Every row is timed per
 * operation with {@link System#nanoTime()} on {@code -c} threads after {@code -w} warm-up operations,
 * and charged the CPU this JVM and PostgreSQL used meanwhile.
 *
 * <p>Sellers are made through {@code POST /merchants}, ten articles each; the screenshots of the
 * HTTP row through {@code POST /images} and the presigned PUT, and used only once their S3 event has
 * marked them UPLOADED, so no request asks S3. Screenshots of the rows without HTTP are inserted
 * UPLOADED directly.
 *
 * <p>A program, not a test: it asserts nothing about time, it prints what it measured.
 */
public final class ArticleCreateBenchmark {

    private static final String ROUTE = "POST /articles";
    private static final String SUBJECT_PREFIX = "bench-seller-";
    /** Articles per seller and row: a seller's unlinked screenshots stay few, as in real use. */
    private static final int ARTICLES_PER_SELLER = 10;
    /**
     * Articles already on the marketplace before the run: the rows are timed against tables of a
     * working size with statistics to match, not against tables growing from empty (whose first
     * plans and autovacuum passes made PostgreSQL's CPU per request vary twofold between runs).
     */
    private static final int CATALOGUE = 20_000;
    private static final String SHOT = "\"__SHOT__\"";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    private static final ZoneId KOREA = ZoneId.of("Asia/Seoul");

    /** Goals of the issue, for the ✓/✗ lines. */
    private static final double GOAL_P50_MS = 1.0;
    private static final double GOAL_P99_MS = 5.0;
    private static final double GOAL_RATIO = 5.0;

    record Options(int clients, int requests, int warmup) {
        static Options parse(String[] args) {
            BenchOptions options = new BenchOptions("./bench.sh article-create")
                    .option("-c", "clients", 1, 1)
                    .option("-n", "requests", 2000, 1)
                    .option("-w", "warmup", 10_000, 0)
                    .parse(args);
            return new Options(options.get("-c"), options.get("-n"), options.get("-w"));
        }
    }

    /** A measured row: latencies, and CPU milliseconds per operation of this JVM and of PostgreSQL. */
    private record Measured(Latencies latencies, double jvmCpuMs, double postgresCpuMs, String jvmThreads) {
    }

    /** A seller of the benchmark: token for the gateway, ids as the database knows them. */
    private record Seller(String subject, String token, long userId, long merchantId, String merchantName) {
    }

    private final LocalStack stack;
    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final DataSource pool;
    private final Cpu cpu;

    private ArticleCreateBenchmark(LocalStack stack, Options options, Path localDir) {
        this.stack = stack;
        this.options = options;
        this.cpu = new Cpu(localDir.resolve("pg"));
        this.pool = Database.dataSource(); // the pool the functions use in this JVM
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        BenchStack.run("article-create", (stack, dir) -> {
            // each create queues an article.published notification; consuming them (SOLAPI, Discord,
            // notification rows) is not the endpoint's work and would compete for the same two cores
            stack.stopConsumers("AlimtalkFunction");
            new ArticleCreateBenchmark(stack, options, dir).run();
        });
    }

    private void run() throws Exception {
        int c = options.clients();
        int n = options.requests();
        int w = options.warmup();
        int each = w + n;

        long t = System.nanoTime();
        Seller[] sellers = registerSellers((each + ARTICLES_PER_SELLER - 1) / ARTICLES_PER_SELLER);
        Seller[] sellerOf = new Seller[each]; // operation i of every row is by this seller
        for (int i = 0; i < each; i++) {
            sellerOf[i] = sellers[i % sellers.length];
        }
        // the timed requests' screenshots go the app's way (POST /images, PUT, S3 event); the warm-up's
        // are inserted UPLOADED, so a long warm-up does not cost minutes of preparation
        long[] timedShots = uploadScreenshots(Arrays.copyOfRange(sellerOf, w, each));
        awaitUploaded(timedShots);
        long[] httpShots = new long[each];
        System.arraycopy(insertUploaded(Arrays.copyOfRange(sellerOf, 0, w)), 0, httpShots, 0, w);
        System.arraycopy(timedShots, 0, httpShots, w, n);
        long[] handlerShots = insertUploaded(sellerOf);
        long[] sqlShots = insertUploaded(sellerOf);
        long[] baselineShots = insertUploaded(sellerOf);
        insertCatalogue(sellers[0]);
        System.out.printf("%d sellers through POST /merchants; %d screenshots through POST /images and PUT, all UPLOADED"
                + " by their S3 event; %d more inserted UPLOADED for the warm-up and the rows without HTTP; %d articles"
                + " already on sale; vacuumed and analyzed: %.1f s%n",
                sellers.length, n, w + 3 * each, CATALOGUE, (System.nanoTime() - t) / 1e9);

        String template = Json.write(article());

        // 1. end to end: java.net.http client → HttpGateway → ArticleApiHandler → PostgreSQL
        HttpRequest[] requests = new HttpRequest[each];
        for (int i = 0; i < each; i++) {
            requests[i] = post("/articles", template.replace(SHOT, Long.toString(httpShots[i])), sellerOf[i].token());
        }
        Load.Operation endToEnd = i -> send(requests[i], 201);

        // 1b. the HTTP round trip alone: a path no route matches, answered 404 by the gateway itself
        HttpRequest unrouted = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/_bench/no-such-route"))
                .POST(HttpRequest.BodyPublishers.ofString(template.replace(SHOT, "1")))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + sellers[0].token())
                .build();
        Load.Operation roundTrip = i -> send(unrouted, 404);

        // 2. the handler alone: the same function instance, invoked with a prebuilt event
        String functionId = functionOf(ROUTE);
        Map<Seller, Map<String, String>> claims = new HashMap<>();
        for (Seller seller : sellers) {
            claims.put(seller, stack.jwt().verify("Bearer " + seller.token()));
        }
        APIGatewayV2HTTPEvent[] events = new APIGatewayV2HTTPEvent[each];
        for (int i = 0; i < each; i++) {
            events[i] = event(template.replace(SHOT, Long.toString(handlerShots[i])), sellerOf[i].token(),
                    claims.get(sellerOf[i]));
        }
        Load.Operation handler = i -> {
            APIGatewayV2HTTPResponse r = stack.host().invoke(functionId, "http", ROUTE, events[i],
                    (APIGatewayV2HTTPResponse x) -> "");
            if (r.getStatusCode() != 201) {
                throw new IllegalStateException(r.getStatusCode() + " " + r.getBody());
            }
        };

        // 3. the endpoint's SQL alone: CreateArticle's statements, inputs decoded and encrypted beforehand
        NewArticle parsed = Json.MAPPER.readValue(template.replace(SHOT, "1"), NewArticle.class);
        List<MarketplaceLink> links = ArticleRules.validate(parsed, LocalDate.now(KOREA));
        FieldCipher cipher = FieldCipher.from(Environment.current(), arn -> {
            throw new IllegalStateException("no DATA_ENCRYPTION_KEY in the function environment");
        });
        byte[] reference = cipher.encrypt(parsed.reservation().bookingReference(), "reservation.booking_reference",
                CreateArticle.referenceRow(SUBJECT_PREFIX + 0));   // the baseline only pays for the encryption
        byte[] digest = cipher.digest(CreateArticle.bookingMatchText(parsed.reservation().bookingPlatform(),
                parsed.reservation().bookingReference()));
        NewArticle[] articles = new NewArticle[each];
        for (int i = 0; i < each; i++) {
            articles[i] = Json.MAPPER.readValue(template.replace(SHOT, Long.toString(sqlShots[i])), NewArticle.class);
        }
        // its screenshots are UPLOADED and the reference sealed: no cipher, no S3, no rate limit needed
        CreateArticle statements = new CreateArticle(() -> pool, () -> {
            throw new IllegalStateException("the SQL row seals nothing");
        }, () -> {
            throw new IllegalStateException("the SQL row asks S3 nothing");
        }, CreateArticle.RATE, java.time.Clock.systemUTC());
        Load.Operation sql = i -> Transaction.run(pool, conn -> {
            var created = statements.publish(conn, sellerOf[i].subject(), articles[i], links, reference, digest, null,
                    null);
            if (!(created instanceof CreateArticle.Result.Created done) || done.article().id() <= 0) {
                throw new IllegalStateException("article of screenshot " + articles[i].screenshotIds() + ": " + created);
            }
            return created;
        });

        // 4. baseline: the same rows, plain statements, one transaction
        Baseline baseline = new Baseline(parsed, reference, digest, links.getFirst());
        Load.Operation jdbc = i -> baseline.write(pool, sellerOf[i], baselineShots[i]);

        // Half of each row's warm-up runs before any row is timed (the rows share most of their code),
        // the other half right before the row is timed: with only the first, the JIT was still
        // compiling for the HTTP row while it was timed (0.6 ms of compiler CPU per request); with
        // only the second, the rows timed first were charged for compiling what later rows use.
        Map<String, Load.Operation> rows = new LinkedHashMap<>();
        rows.put("http", endToEnd);
        rows.put("round-trip", roundTrip);
        rows.put("handler", handler);
        rows.put("sql", sql);
        rows.put("baseline", jdbc);
        int early = w / 2;
        for (var row : rows.entrySet()) {
            Load.run(row.getKey() + "-warmup", c, early, row.getValue());
        }
        List<Measured> measured = new ArrayList<>();
        for (var row : rows.entrySet()) {
            Load.Operation op = row.getValue();
            Load.run(row.getKey() + "-warmup", c, w - early, i -> op.run(early + i));
            measured.add(measure(row.getKey(), c, w, n, op));
        }
        verify(4L * each, CATALOGUE);
        report(measured.get(0), measured.get(1), measured.get(2), measured.get(3), measured.get(4));
    }

    /** Times operations {@code warmup} to {@code warmup + requests - 1} of a row (the ones before were its warm-up). */
    private Measured measure(String name, int clients, int warmup, int requests, Load.Operation op)
            throws InterruptedException {
        Map<String, Long> threadsBefore = ThreadCpu.sample();
        Cpu.Sample before = cpu.sample();
        Latencies latencies = Load.run(name, clients, requests, i -> op.run(warmup + i));
        double[] perOperation = Cpu.perOperation(before, cpu.sample(), requests);
        ThreadCpu threads = new ThreadCpu();
        threads.add(threadsBefore, ThreadCpu.sample());
        return new Measured(latencies, perOperation[0], perOperation[1], threads.summary(4, requests));
    }

    // ------------------------------------------------------------------------------- preparation

    private HttpRequest post(String path, String body, String token) {
        return HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .build();
    }

    private String send(HttpRequest request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " → "
                    + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** Sellers as the app makes them: POST /merchants, each with its own token. */
    private Seller[] registerSellers(int count) throws Exception {
        String[] tokens = new String[count];
        try (ExecutorService registrars = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                tokens[k] = stack.jwt().mint(SUBJECT_PREFIX + k, "USER", Duration.ofHours(6));
                HttpRequest register = post("/merchants", """
                        {"merchantName":"벤치 여행샵 %d","payoutBank":"088","payoutAccount":"110-123-456789"}\
                        """.formatted(k), tokens[k]);
                done.add(registrars.submit(() -> send(register, 201)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        Map<String, Seller> bySubject = Transaction.read(pool, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    select u.external_subject, u.id, m.id, m.merchant_name
                    from app_user u join merchant m on m.user_id = u.id
                    where u.external_subject like ?""")) {
                s.setString(1, SUBJECT_PREFIX + "%");
                Map<String, Seller> found = new HashMap<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getString(1), new Seller(rs.getString(1), null, rs.getLong(2), rs.getLong(3),
                                rs.getString(4)));
                    }
                }
                return found;
            }
        });
        Seller[] sellers = new Seller[count];
        for (int k = 0; k < count; k++) {
            Seller s = bySubject.get(SUBJECT_PREFIX + k);
            if (s == null) {
                throw new IllegalStateException("POST /merchants made no merchant for " + SUBJECT_PREFIX + k);
            }
            sellers[k] = new Seller(s.subject(), tokens[k], s.userId(), s.merchantId(), s.merchantName());
        }
        return sellers;
    }

    /** As the app does: POST /images for a ticket, then PUT the bytes to its presigned URL. */
    private long[] uploadScreenshots(Seller[] owners) throws Exception {
        String announcement = "{\"contentType\":\"image/png\",\"sizeBytes\":" + PNG.length + "}";
        int count = owners.length;
        long[] ids = new long[count];
        try (ExecutorService uploaders = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                done.add(uploaders.submit(() -> {
                    JsonNode ticket = Json.MAPPER.readTree(send(post("/images", announcement, owners[index].token()), 201));
                    HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(ticket.get("uploadUrl").asText()))
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(PNG));
                    ticket.get("headers").properties().forEach(h -> {
                        if (!h.getKey().equalsIgnoreCase("content-length")) {
                            put.header(h.getKey(), h.getValue().asText());
                        }
                    });
                    HttpResponse<String> stored = http.send(put.build(), HttpResponse.BodyHandlers.ofString());
                    if (stored.statusCode() != 200) {
                        throw new IllegalStateException("PUT screenshot → " + stored.statusCode() + " " + stored.body());
                    }
                    ids[index] = ticket.get("screenshotId").asLong();
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        return ids;
    }

    /** The S3 pass-through invokes ScreenshotUploadedFunction asynchronously: wait for its updates. */
    private void awaitUploaded(long[] ids) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long uploaded = 0;
        while (System.nanoTime() < deadline) {
            uploaded = Transaction.read(pool, c -> {
                try (PreparedStatement s = c.prepareStatement(
                        "select count(*) from screenshot where id = any(?) and status = 'UPLOADED'")) {
                    s.setArray(1, c.createArrayOf("bigint", box(ids)));
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
            if (uploaded == ids.length) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(uploaded + " of " + ids.length + " screenshots UPLOADED after 120 s");
    }

    /** Screenshots in the state an S3 event leaves them, for the rows that bypass the gateway; one per owner given. */
    private long[] insertUploaded(Seller[] owners) {
        Long[] ownerIds = new Long[owners.length];
        for (int i = 0; i < owners.length; i++) {
            ownerIds[i] = owners[i].userId();
        }
        return Transaction.run(pool, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    insert into screenshot (owner_user_id, object_key, content_type, size_bytes, status)
                    select o.owner, 'screenshots/' || gen_random_uuid() || '.png', 'image/png', ?, 'UPLOADED'
                    from unnest(?::bigint[]) with ordinality as o(owner, n) order by o.n
                    returning id, owner_user_id""")) {
                s.setLong(1, PNG.length);
                s.setArray(2, c.createArrayOf("bigint", ownerIds));
                long[] ids = new long[owners.length];
                int i = 0;
                try (ResultSet rs = s.executeQuery()) {
                    for (; rs.next(); i++) {
                        if (rs.getLong(2) != ownerIds[i]) {
                            throw new IllegalStateException("screenshots came back in another order than inserted");
                        }
                        ids[i] = rs.getLong(1);
                    }
                }
                if (i != owners.length) {
                    throw new IllegalStateException(i + " screenshots inserted, not " + owners.length);
                }
                return ids;
            }
        });
    }

    /** The article of the seller tests (Seller.validArticle), its screenshot id a placeholder. */
    private static ObjectNode article() {
        ObjectNode a = Marketplace.articleRequestBody();
        a.putArray("screenshotIds").add(SHOT.replace("\"", ""));
        return a;
    }

    /** The event the gateway would build for this body, minus what the handler does not read. */
    private APIGatewayV2HTTPEvent event(String body, String token, Map<String, String> claims) {
        String url = stack.gatewayUrl();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(ROUTE)
                .withRawPath("/articles")
                .withRawQueryString("")
                .withHeaders(Map.of("content-type", "application/json", "authorization", "Bearer " + token,
                        "host", url.substring(url.indexOf("//") + 2)))
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAccountId("000000000000")
                        .withApiId("local")
                        .withRequestId(UUID.randomUUID().toString())
                        .withRouteKey(ROUTE)
                        .withStage("$default")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("POST").withPath("/articles").withProtocol("HTTP/1.1")
                                .withSourceIp("127.0.0.1").build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                        .withClaims(claims).withScopes(null).build())
                                .build())
                        .build())
                .build();
    }

    private String functionOf(String routeKey) {
        return stack.template().functions().values().stream()
                .filter(f -> f.routes().stream().anyMatch(r -> r.routeKey().equals(routeKey)))
                .map(SamTemplate.Function::logicalId)
                .findFirst().orElseThrow(() -> new IllegalStateException("no function serves " + routeKey));
    }

    /** The marketplace as it stands before the run: articles with product and reservation, then fresh statistics. */
    private void insertCatalogue(Seller owner) {
        Transaction.read(pool, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    with a as (
                        insert into article (merchant_id, title, accommodation_name, region, check_in, check_out,
                                             original_price, sale_price, next_resale_check_at)
                        select ?, '기존 판매글 ' || g, '호텔 ' || g, (array['SEOUL', 'BUSAN', 'JEJU', 'GANGWON'])[1 + g % 4],
                               current_date + 10 + g % 60, current_date + 11 + g % 60, 200000, 150000 + g % 1000,
                               now() + interval '24 hours'
                        from generate_series(1, ?) g
                        returning id),
                    p as (insert into service_product (article_id, room_type, guests) select id, '스탠다드', 2 from a)
                    insert into reservation (article_id, booking_platform, booking_reference_encrypted, guest_name,
                                             transfer_method)
                    select id, 'YANOLJA', '\\x00'::bytea, '홍길동', 'NAME_CHANGE' from a""")) {
                s.setLong(1, owner.merchantId());
                s.setInt(2, CATALOGUE);
                s.executeUpdate();
            }
            try (var s = c.createStatement()) {
                s.execute("vacuum analyze");
            }
            return null;
        });
    }

    /** Every phase wrote one article per operation, each with its screenshot linked, beside the catalogue. */
    private void verify(long expected, long catalogue) {
        long[] counts = Transaction.read(pool, c -> {
            try (var s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    select (select count(*) from article), (select count(*) from screenshot where status = 'LINKED'),
                           (select count(*) from outbox where topic = 'article.published'),
                           (select count(*) from screenshot where status = 'PENDING')""")) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)};
            }
        });
        counts[0] -= catalogue;
        if (counts[0] != expected || counts[1] != expected || counts[2] != expected || counts[3] != 0) {
            throw new IllegalStateException("expected " + expected + " articles, linked screenshots and outbox rows, "
                    + "no pending screenshot; found " + counts[0] + ", " + counts[1] + ", " + counts[2] + ", " + counts[3]);
        }
    }

    // ------------------------------------------------------------------------------- report

    private void report(Measured endToEnd, Measured roundTrip, Measured handler, Measured sql, Measured baseline) {
        Latencies http = endToEnd.latencies();
        double ratio = http.p50Ms() / baseline.latencies().p50Ms();
        System.out.println();
        System.out.printf("article-create: %d clients, %d requests per row after %d warm-up, each seller posting %d"
                + " (one screenshot each)%n", options.clients(), options.requests(), options.warmup(), ARTICLES_PER_SELLER);
        System.out.printf("%-39s %7s %7s %7s %8s %7s  %s%n", "", "p50 ms", "p90 ms", "p99 ms", "max ms", "req/s",
                "cpu ms/req: jvm + pg");
        row("POST /articles via the gateway (HTTP)", endToEnd);
        row("  HTTP alone (gateway 404, no function)", roundTrip);
        row("  handler alone (no HTTP)", handler);
        row("  its SQL alone (no HTTP, no JSON)", sql);
        row("baseline: hand-written JDBC", baseline);
        System.out.printf(Locale.ROOT, "ratio p50 end-to-end / p50 baseline: %.3f%n", ratio);
        goal("p50 ≤ 1 ms", http.p50Ms() <= GOAL_P50_MS, String.format(Locale.ROOT, "%.3f ms", http.p50Ms()));
        goal("p99 ≤ 5 ms", http.p99Ms() <= GOAL_P99_MS, String.format(Locale.ROOT, "%.3f ms", http.p99Ms()));
        goal("ratio ≤ 5", ratio <= GOAL_RATIO, String.format(Locale.ROOT, "%.3f", ratio));
        System.out.println("database  " + databaseSettings() + "; pool DATABASE_POOL_SIZE="
                + Environment.current().get("DATABASE_POOL_SIZE", "?") + " (HikariCP, shared by every function)");
        System.out.println("jvm       " + jvm());
        System.out.println("rows      HTTP alone: same client and body, a path no route matches; handler alone:"
                + " FunctionHost.invoke with a prebuilt event; SQL alone: CreateArticle.publish in a transaction,"
                + " seller, screenshot lock, insert, outbox, commit (5 round trips); baseline: 3 inserts, 1 update, 2 inserts, commit (7 round trips)");
        System.out.println("cpu       per measured request: this JVM (clients included) + all PostgreSQL processes;"
                + " the JVM's largest thread groups, ms per request:");
        List.of(endToEnd, roundTrip, handler, sql, baseline).forEach(m -> System.out.println("            " + m.jvmThreads()));
    }

    private static void row(String name, Measured m) {
        Latencies l = m.latencies();
        System.out.printf(Locale.ROOT, "%-39s %7.3f %7.3f %7.3f %8.3f %7.0f  %.3f + %.3f%n", name, l.p50Ms(), l.p90Ms(),
                l.p99Ms(), l.maxMs(), l.perSecond(), m.jvmCpuMs(), m.postgresCpuMs());
    }

    private static void goal(String goal, boolean met, String value) {
        System.out.printf("goal %-11s %s %s%n", goal, met ? "✓" : "✗", value);
    }

    private String databaseSettings() {
        return Transaction.read(pool, c -> {
            try (var s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    select current_setting('server_version'), current_setting('fsync'),
                           current_setting('synchronous_commit'), current_setting('shared_buffers'),
                           current_setting('max_connections')""")) {
                rs.next();
                return "PostgreSQL " + rs.getString(1) + " (embedded), fsync=" + rs.getString(2)
                        + ", synchronous_commit=" + rs.getString(3) + ", shared_buffers=" + rs.getString(4)
                        + ", max_connections=" + rs.getString(5);
            }
        });
    }

    private static String jvm() {
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        String jit = args.stream().anyMatch(a -> a.startsWith("-XX:TieredStopAtLevel"))
                ? "JIT limited (" + args.stream().filter(a -> a.startsWith("-XX:TieredStopAtLevel")).findFirst().get() + ")"
                : "JIT tiered C1+C2";
        String gc = ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .map(name -> name.split(" ")[0]).distinct().collect(Collectors.joining("/"));
        return System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs, heap max "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, GC " + gc + ", " + jit;
    }

    // ------------------------------------------------------------------------------- helpers

    private static Long[] box(long[] ids) {
        Long[] boxed = new Long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            boxed[i] = ids[i];
        }
        return boxed;
    }

    /**
     * The rows POST /articles writes, by hand: article, service product, reservation, the
     * screenshot linked, the external link, the outbox row; one transaction, plain statements,
     * values prepared beforehand (no HTTP, no JSON, no encryption in the timed part).
     */
    private static final class Baseline {
        private final NewArticle a;
        private final byte[] reference;
        private final byte[] digest;
        private final MarketplaceLink link;
        private final String options;

        Baseline(NewArticle a, byte[] reference, byte[] digest, MarketplaceLink link) {
            this.a = a;
            this.reference = reference;
            this.digest = digest;
            this.link = link;
            this.options = Json.write(a.serviceProduct().options());
        }

        void write(DataSource pool, Seller seller, long screenshotId) throws SQLException {
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                try {
                    long articleId;
                    try (PreparedStatement s = c.prepareStatement("""
                            insert into article (merchant_id, title, description, accommodation_name, region,
                                                 check_in, check_out, original_price, sale_price, next_resale_check_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, now() + interval '24 hours') returning id""")) {
                        s.setLong(1, seller.merchantId());
                        s.setString(2, a.title());
                        s.setString(3, a.description());
                        s.setString(4, a.accommodationName());
                        s.setString(5, a.region());
                        s.setDate(6, Date.valueOf(a.checkIn()));
                        s.setDate(7, Date.valueOf(a.checkOut()));
                        s.setLong(8, a.originalPrice());
                        s.setLong(9, a.salePrice());
                        try (ResultSet rs = s.executeQuery()) {
                            rs.next();
                            articleId = rs.getLong(1);
                        }
                    }
                    try (PreparedStatement s = c.prepareStatement(
                            "insert into service_product (article_id, room_type, guests, options) values (?, ?, ?, ?::jsonb)")) {
                        s.setLong(1, articleId);
                        s.setString(2, a.serviceProduct().roomType());
                        s.setInt(3, a.serviceProduct().guests());
                        s.setString(4, options);
                        s.executeUpdate();
                    }
                    long reservationId;
                    try (PreparedStatement s = c.prepareStatement("""
                            insert into reservation (article_id, booking_platform, booking_reference_encrypted,
                                                     booking_reference_digest, guest_name, transfer_method)
                            values (?, ?, ?, ?, ?, ?) returning id""")) {
                        s.setLong(1, articleId);
                        s.setString(2, a.reservation().bookingPlatform());
                        s.setBytes(3, reference);
                        s.setBytes(4, digest);
                        s.setString(5, a.reservation().guestName());
                        s.setString(6, a.reservation().transferMethod());
                        try (ResultSet rs = s.executeQuery()) {
                            rs.next();
                            reservationId = rs.getLong(1);
                        }
                    }
                    try (PreparedStatement s = c.prepareStatement("""
                            update screenshot set reservation_id = ?, status = 'LINKED'
                            where id = ? and owner_user_id = ? and reservation_id is null""")) {
                        s.setLong(1, reservationId);
                        s.setLong(2, screenshotId);
                        s.setLong(3, seller.userId());
                        if (s.executeUpdate() != 1) {
                            throw new IllegalStateException("screenshot " + screenshotId + " not linked");
                        }
                    }
                    try (PreparedStatement s = c.prepareStatement(
                            "insert into external_link (article_id, source, external_id, url) values (?, ?, ?, ?)")) {
                        s.setLong(1, articleId);
                        s.setString(2, link.source());
                        s.setString(3, link.externalId());
                        s.setString(4, link.url());
                        s.executeUpdate();
                    }
                    try (PreparedStatement s = c.prepareStatement(
                            "insert into outbox (id, topic, payload) values (?, 'article.published', ?::jsonb)")) {
                        s.setObject(1, UUID.randomUUID());
                        s.setString(2, Json.write(CreateArticle.outboxPayload(a, articleId, seller.userId(),
                                seller.merchantName())));
                        s.executeUpdate();
                    }
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            }
        }
    }
}
