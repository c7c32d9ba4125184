package dev.noshowping.local;

import dev.noshowping.config.Environment;
import dev.noshowping.db.Database;
import dev.noshowping.db.Migrate;
import dev.noshowping.emulator.EmulatorServer;
import dev.noshowping.emulator.toss.TossEmulator;
import dev.noshowping.json.Json;
import dev.noshowping.testkit.S3MockServer;
import dev.noshowping.testkit.SqsServer;
import dev.noshowping.testkit.market.MarketplaceEmulator;
import dev.noshowping.testkit.notify.DiscordEmulator;
import dev.noshowping.testkit.notify.NotificationChannels;
import dev.noshowping.testkit.notify.SolapiEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The whole system on one machine: PostgreSQL, SQS, S3, the HTTP gateway, SQS pollers and
 * schedules, all declared by {@code template.yaml}. {@code ./run.sh} runs {@link #main}.
 */
public final class LocalStack implements AutoCloseable {

    private final StackOptions options;
    private final Deque<AutoCloseable> parts = new ArrayDeque<>();
    private final Map<String, String> queueUrls = new LinkedHashMap<>();
    private final Map<String, String> bucketNames = new LinkedHashMap<>();
    private final Map<String, String> functionEnvironment = new LinkedHashMap<>();
    private final AwsClients aws;
    private SamTemplate template;
    private String jdbcUrl;
    private String sqsEndpoint;
    private String s3Endpoint;
    /** S3 is an S3Mock (started here or the test build's), which sends no notifications. */
    private volatile boolean s3IsMock;
    private SqsClient sqs;
    private S3Client s3;
    private LocalJwt jwt;
    private FunctionHost host;
    private HttpGateway gateway;
    private Schedules schedules;
    private TossEmulator toss;
    private SolapiEmulator solapi;
    private DiscordEmulator discord;
    private MarketplaceEmulator market;
    private final List<SqsPoller> pollers = new ArrayList<>();
    private final List<String> scheduleLines = new ArrayList<>();

    /** What the local marketplaces hold at start: the design's default keywords, 120 listings each per source. */
    static final List<String> MARKET_KEYWORDS = List.of("숙박 양도", "호텔 양도", "펜션 양도", "리조트 양도", "숙소 양도", "제주 호텔 양도");
    static final int MARKET_LISTINGS_PER_KEYWORD = 120;

    private LocalStack(StackOptions options) {
        this.options = options;
        this.aws = new AwsClients(options.region(), options.realAwsCredentials());
    }

    public static LocalStack start(StackOptions options) throws Exception {
        // In Lambda every execution environment has its own SDK clients; here all functions share
        // one JVM, whose HttpURLConnection keeps only 5 idle connections per host by default. A
        // burst of concurrent outbox publishes then opens a new connection to the in-process SQS
        // per call, and ElasticMQ sets up a stream per connection, which costs CPU the functions
        // share (docs/benchmarks.md). Read once, at the first HTTP connection: set before any client exists.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "100");
        }
        LocalStack stack = new LocalStack(options);
        try {
            stack.boot();
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    /** A step of the start: a name people can read in a failure, and what it does. */
    private interface Step {
        void run() throws Exception;
    }

    /** Runs one named step; whatever fails there is reported as that step's failure. */
    private static void step(String name, Step step) {
        try {
            step.run();
        } catch (BootFailure e) {
            throw e;
        } catch (Exception | Error e) {
            throw new BootFailure(name, e);
        }
    }

    private void boot() throws Exception {
        step("template", this::readTemplate);
        step("outside services", this::checkOutsideServices);
        step("leftover database", this::stopLeftoverDatabase);
        step("ports", this::checkPorts);
        step("database, queues and storage", this::startDataParts);
        step("queues", this::declareQueues);
        step("buckets", this::declareBuckets);
        step("function logs", this::redirectFunctionLogs);
        step("emulators", this::startEmulators);
        step("functions", this::hostFunctions);
        step("gateway", this::startGateway);
        step("pollers", this::startPollers);
        step("schedules", this::startSchedules);
        step("stack.json", this::writeStackFile);
    }

    private void readTemplate() throws IOException {
        template = SamTemplate.read(options.templateFile());
        Files.createDirectories(options.localDir());
    }

    private void checkOutsideServices() {
        new StartChecks(options, template).outsideServices();
    }

    private void stopLeftoverDatabase() {
        if (options.databaseUrl().isEmpty()) {
            LeftoverPostgres.stopIfRunning(postgresDirectory(options.localDir()));
        }
    }

    private void checkPorts() {
        new StartChecks(options, template).ports();
    }

    /** The three slow parts start side by side: the stack is ready when the slowest is. */
    private void startDataParts() throws Exception {
        try (ExecutorService starters = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> database = starters.submit(() -> named("database", this::startDatabase));
            Future<String> queues = starters.submit(() -> named("queues", this::startQueues));
            Future<String> storage = starters.submit(() -> named("storage", this::startStorage));
            jdbcUrl = unwrap(database);
            sqsEndpoint = unwrap(queues);
            s3Endpoint = unwrap(storage);
        }
    }

    private static String named(String step, Callable<String> part) {
        try {
            return part.call();
        } catch (Exception | Error e) {
            throw new BootFailure(step, e);
        }
    }

    private String startQueues() {
        return options.sqsEndpoint().orElseGet(() -> {
            if (template.queues().isEmpty()) {
                return "none";
            }
            SqsServer local = SqsServer.start(options.sqsPort());
            register(local);
            return local.endpoint();
        });
    }

    private String startStorage() throws IOException {
        if (options.s3Endpoint().isPresent()) {
            return options.s3Endpoint().get();
        }
        if (template.buckets().isEmpty()) {
            return "none";
        }
        if (options.s3MockEndpoint().isPresent()) {
            s3IsMock = true;
            return options.s3MockEndpoint().get();
        }
        Path root = options.localDir().resolve("s3");
        S3MockServer.stopLeftover(root);
        S3MockServer local = S3MockServer.start(
                options.repoRoot().resolve("testkit/target/s3mock/s3mock-exec.jar"),
                root, options.localDir().resolve("logs/s3mock.log"), 0);
        s3IsMock = true;
        register(local);
        return local.endpoint();
    }

    private void redirectFunctionLogs() throws IOException {
        Path functionLog = options.localDir().resolve("logs/functions.jsonl");
        Files.createDirectories(functionLog.getParent());
        java.io.PrintStream logStream = new java.io.PrintStream(Files.newOutputStream(functionLog,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND), true,
                java.nio.charset.StandardCharsets.UTF_8);
        dev.noshowping.log.JsonLog.redirectTo(logStream);
        register(logStream);
        register(() -> dev.noshowping.log.JsonLog.redirectTo(System.out));
    }

    /** An emulator for every outside service that is not pointed elsewhere. */
    private void startEmulators() {
        if (options.emulates(OutsideService.TOSS)) {
            toss = TossEmulator.start(options.tossPort());
            // the platform's balance at Toss, from which payouts are paid
            toss.payouts().setBalance(1_000_000_000L);
            register(toss);
        }
        if (options.emulates(OutsideService.SOLAPI)) {
            solapi = SolapiEmulator.start(options.solapiPort());
            register(solapi);
            NotificationChannels.registerTemplates(solapi);
        }
        if (options.emulates(OutsideService.DISCORD)) {
            discord = DiscordEmulator.start(options.discordPort());
            register(discord);
        }
        if (options.emulatesMarket()) {
            market = MarketplaceEmulator.start(options.marketPort());
            register(market);
            seedMarket();
        }
    }

    /** The handlers, the S3 notifications that invoke some of them, and the environment they all read. */
    private void hostFunctions() throws IOException {
        host = new FunctionHost(template);
        if (s3IsMock) {
            // S3Mock sends no notifications: put the pass-through that does in front of it
            S3Notifications notifications = new S3Notifications(options.s3Port(), s3Endpoint, host, subscriptions());
            register(notifications);
            s3Endpoint = notifications.endpoint();
        }
        installFunctionEnvironment();
    }

    private void startGateway() throws IOException {
        jwt = new LocalJwt(LocalJwt.loadOrCreateKey(options.localDir().resolve("jwt-key.json")),
                template.jwt().issuer(), template.jwt().audience());
        schedules = new Schedules(host);
        register(schedules);
        // each emulator's helper routes under /_local/<name>/ (toss, solapi, discord, market)
        Map<String, String> helpers = new LinkedHashMap<>();
        emulators().forEach((name, url) -> helpers.put("/_local/" + name + "/", url));
        gateway = new HttpGateway(host, jwt, options.gatewayPort(),
                List.of(new LocalEndpoints(jwt, schedules, this::describe, helpers)),
                java.util.Optional.of(new ConsoleFiles(options.repoRoot().resolve("console"))));
        gateway.start();
        register(gateway);
        if (toss != null) {
            toss.webhookUrl(gatewayUrl() + "/webhooks/toss");
        }
    }

    private void startPollers() {
        for (SamTemplate.Function f : template.functions().values()) {
            for (SamTemplate.SqsSource source : f.sqs()) {
                SqsPoller poller = new SqsPoller(host, sqs, f.logicalId(), source,
                        queueUrls.get(source.queue()), options.pollWaitSeconds());
                poller.start();
                pollers.add(poller);
                register(poller);
            }
        }
    }

    private void startSchedules() {
        if (options.schedules()) {
            scheduleLines.addAll(schedules.start());
        }
    }

    /**
     * The default keywords' listings, some found by two keywords (a hotel in Jeju is also a hotel), so provenance
     * shows. Anchored at the current hour: the listings are recent whenever the stack runs, and ids, titles, prices
     * and states are the same on every run (only the dates move).
     */
    private void seedMarket() {
        market.anchor(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS));
        for (String keyword : MARKET_KEYWORDS) {
            market.catalogue(keyword, MARKET_LISTINGS_PER_KEYWORD);
        }
        market.overlap("제주 호텔 양도", "호텔 양도", 20);
        market.overlap("숙소 양도", "숙박 양도", 10);
        market.overlap("펜션 양도", "숙박 양도", 10);
    }

    private String startDatabase() throws Exception {
        String url;
        if (options.databaseUrl().isPresent()) {
            url = options.databaseUrl().get();
        } else {
            LocalPostgres pg = LocalPostgres.start(postgresDirectory(options.localDir()), options.postgresPort());
            register(pg);
            url = pg.jdbcUrl();
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser(options.databaseUser());
        ds.setPassword(options.databasePassword());
        Migrate.run(ds, options.appRole());
        return url;
    }

    static Path postgresDirectory(Path localDir) {
        return localDir.resolve("pg");
    }

    private static String unwrap(Future<String> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private synchronized void register(AutoCloseable part) {
        parts.push(part);
    }

    /** Dead-letter queues first, so the queues that redrive to them can name their ARN. */
    private void declareQueues() {
        if (template.queues().isEmpty()) {
            return;
        }
        sqs = aws.sqs(sqsEndpoint);
        register(sqs);
        List<SamTemplate.Queue> ordered = new ArrayList<>(template.queues().values());
        ordered.sort(Comparator.comparing(q -> q.deadLetterQueue() != null));
        for (SamTemplate.Queue q : ordered) {
            Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
            attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(q.visibilityTimeoutSeconds()));
            attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, Integer.toString(q.messageRetentionSeconds()));
            if (q.deadLetterQueue() != null) {
                String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrls.get(q.deadLetterQueue()))
                        .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
                attributes.put(QueueAttributeName.REDRIVE_POLICY, Json.write(Map.of(
                        "deadLetterTargetArn", dlqArn, "maxReceiveCount", Integer.toString(q.maxReceiveCount()))));
            }
            String url = sqs.createQueue(r -> r.queueName(q.logicalId()).attributes(attributes)).queueUrl();
            queueUrls.put(q.logicalId(), url);
        }
    }

    private void declareBuckets() {
        if (template.buckets().isEmpty()) {
            return;
        }
        s3 = aws.s3(s3Endpoint);
        register(s3);
        for (var bucket : template.buckets().entrySet()) {
            String logicalId = bucket.getKey();
            String name = bucket.getValue() == null ? kebab(logicalId) : template.substitute(bucket.getValue(), options.region());
            try {
                s3.headBucket(r -> r.bucket(name));
            } catch (NoSuchBucketException e) {
                try {
                    s3.createBucket(r -> r.bucket(name));
                } catch (BucketAlreadyOwnedByYouException ignored) {
                    // created meanwhile: fine
                }
            }
            bucketNames.put(logicalId, name);
        }
    }

    private List<S3Notifications.Subscription> subscriptions() {
        List<S3Notifications.Subscription> subscriptions = new ArrayList<>();
        for (SamTemplate.Function f : template.functions().values()) {
            for (SamTemplate.S3Source source : f.s3()) {
                subscriptions.add(new S3Notifications.Subscription(f.logicalId(),
                        bucketNames.getOrDefault(source.bucket(), kebab(source.bucket())), source.prefix()));
            }
        }
        return subscriptions;
    }

    static String kebab(String logicalId) {
        return logicalId.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** The local stack's order windows; each can still be set from outside ({@link #fromProcess}). */
    static final Map<String, String> LOCAL_ORDER_WINDOWS = Map.of(
            "TRANSFER_WINDOW", "PT15S",
            "AUTO_CONFIRM_WINDOW", "PT20S",
            "PAYOUT_DELAY_DAYS", "-400");

    /**
     * The template's settings (not its secrets, endpoints or credentials) that the process
     * environment sets: how a benchmark lifts the per-user rate limits, or a demo shortens a window.
     */
    static Map<String, String> fromProcess(Map<String, String> functionEnvironment, Map<String, String> process) {
        Map<String, String> overrides = new java.util.HashMap<>();
        functionEnvironment.keySet().forEach(name -> {
            if (process.containsKey(name) && !name.startsWith("DATABASE_") && !name.startsWith("AWS_")
                    && !name.endsWith("_URL") && !name.endsWith("_KEY")) {
                overrides.put(name, process.get(name));
            }
        });
        return overrides;
    }

    /**
     * What every handler reads: the template's variables with their {@code !Ref}s resolved to the
     * local queue URLs, bucket names and parameter defaults, then the local endpoints.
     */
    private void installFunctionEnvironment() {
        for (SamTemplate.Function f : template.functions().values()) {
            // the stack migrates at start as the owner; MigrateFunction's owner-only variables must not
            // reach the other functions, which share one environment here
            if (!f.logicalId().equals("MigrateFunction")) {
                f.environment().forEach((name, reference) -> functionEnvironment.put(name, resolve(reference)));
            }
        }
        // no Secrets Manager locally: every secret is passed as its value instead
        functionEnvironment.keySet().removeIf(name -> name.endsWith("_SECRET_ARN"));
        functionEnvironment.put("DATA_ENCRYPTION_KEY", localDataKey());
        functionEnvironment.put("DATABASE_URL", jdbcUrl);
        // as in AWS, the functions log in as the application role, which may change rows and nothing else
        functionEnvironment.put("DATABASE_USER", options.appRole().user());
        functionEnvironment.put("DATABASE_PASSWORD", options.appRole().password());
        // one pool serves every function of the stack at once (in AWS each execution environment has its own)
        functionEnvironment.put("DATABASE_POOL_SIZE", "10");
        functionEnvironment.put("AWS_REGION", options.region());
        if (toss != null) {
            functionEnvironment.put("TOSS_API_BASE_URL", toss.baseUrl());
            functionEnvironment.put("TOSS_SECRET_KEY", TossEmulator.SECRET_KEY);
            functionEnvironment.put("TOSS_PAYOUT_SECURITY_KEY", TossEmulator.PAYOUT_SECURITY_KEY);
        }
        // the order's windows after the payment, short so that the demo walks transfer, receive,
        // auto-confirm and a missed deadline in a minute; the stays it sells are weeks ahead, so a
        // negative payout delay makes their settlements payable at once (docs/local-stack.md)
        LOCAL_ORDER_WINDOWS.forEach(functionEnvironment::put);
        if (options.emulatesEveryMarketplace()) {
            // the pace spares a real site; the emulators run on this machine, as in the functions' tests
            functionEnvironment.put("CRAWL_HOST_RATE_PER_SECOND", "0");
        }
        functionEnvironment.putAll(fromProcess(functionEnvironment, System.getenv()));
        if (solapi != null) {
            functionEnvironment.putAll(NotificationChannels.solapiEnvironment(solapi));
        }
        if (discord != null) {
            functionEnvironment.putAll(NotificationChannels.discordEnvironment(discord));
        }
        if (market != null) {
            functionEnvironment.put("BUNJANG_BASE_URL", market.bunjangBaseUrl());
            functionEnvironment.put("JOONGNA_BASE_URL", market.joongnaBaseUrl());
            functionEnvironment.put("JOONGNA_API_BASE_URL", market.joongnaApiBaseUrl());
        }
        // what fromProcess leaves out (endpoints and keys) is taken for the services pointed elsewhere
        functionEnvironment.putAll(options.outside());
        functionEnvironment.put("SOLAPI_TIMEOUT_MILLIS", "5000");
        functionEnvironment.put("DISCORD_TIMEOUT_MILLIS", "5000");
        functionEnvironment.put("APP_WEB_BASE_URL", "http://localhost:" + options.gatewayPort());
        functionEnvironment.put("AWS_ENDPOINT_URL_SQS", sqsEndpoint);
        functionEnvironment.put("AWS_ENDPOINT_URL_S3", s3Endpoint);
        if (!options.realAwsCredentials()) {
            functionEnvironment.put("AWS_ACCESS_KEY_ID", "local");
            functionEnvironment.put("AWS_SECRET_ACCESS_KEY", "local");
        }
        Environment.install(functionEnvironment);
        Database.reset();
    }

    /** The local stand-in for the data-encryption secret: random once, kept with the data it protects. */
    private String localDataKey() {
        Path file = options.localDir().resolve("data-key");
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new java.security.SecureRandom().nextBytes(key);
                Files.writeString(file, java.util.HexFormat.of().formatHex(key));
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String resolve(String reference) {
        if (queueUrls.containsKey(reference)) {
            return queueUrls.get(reference);
        }
        if (bucketNames.containsKey(reference)) {
            return bucketNames.get(reference);
        }
        if (reference.contains("${")) {
            return template.substitute(reference, options.region());
        }
        return template.parameterDefaults().getOrDefault(reference, reference);
    }

    /** Addresses of every part, for people and scripts; also written to {@code .local/stack.json}. */
    public Map<String, Object> describe() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("gateway", gatewayUrl());
        info.put("database", Map.of(
                "jdbcUrl", jdbcUrl,
                "user", options.databaseUser(),
                "password", options.databasePassword(),
                "psql", psqlCommand(options.databaseUser(), options.databasePassword()),
                "appUser", options.appRole().user(),
                "appPassword", options.appRole().password(),
                "appPsql", psqlCommand(options.appRole().user(), options.appRole().password())));
        info.put("sqs", Map.of("endpoint", sqsEndpoint, "queues", queueUrls));
        info.put("s3", Map.of("endpoint", s3Endpoint, "buckets", bucketNames));
        info.put("emulators", emulators());
        info.put("services", services());
        info.put("jwt", Map.of("issuer", String.valueOf(template.jwt().issuer()), "audience", template.jwt().audience(),
                "mint", "POST " + gatewayUrl() + "/_local/token {\"sub\":\"alice\",\"role\":\"USER\"}"));
        info.put("functionEnvironment", functionEnvironment);
        return info;
    }

    /** The emulators started, by name: their base URLs. */
    private Map<String, String> emulators() {
        Map<String, EmulatorServer> all = new LinkedHashMap<>();
        all.put("toss", toss);
        all.put("solapi", solapi);
        all.put("discord", discord);
        all.put("market", market);
        Map<String, String> started = new LinkedHashMap<>();
        all.forEach((name, emulator) -> {
            if (emulator != null) {
                started.put(name, emulator.baseUrl());
            }
        });
        return started;
    }

    /** Per outside service: {@code "emulated"}, or the base URL it is pointed at. */
    Map<String, String> services() {
        Map<String, String> services = new LinkedHashMap<>();
        for (OutsideService service : OutsideService.values()) {
            services.put(service.key, options.emulates(service) ? "emulated" : options.outside().get(service.urlVariable));
        }
        return services;
    }

    private String psqlCommand(String user, String password) {
        String hostPort = jdbcUrl.replaceFirst("^jdbc:postgresql://", "");
        return "psql postgresql://" + user + ":" + password + "@" + hostPort;
    }

    private void writeStackFile() throws IOException {
        Path file = options.localDir().resolve("stack.json");
        Path tmp = file.resolveSibling("stack.json.tmp");
        Files.writeString(tmp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(describe()));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public String gatewayUrl() {
        return "http://localhost:" + gateway.port();
    }

    /**
     * A connection as the owner role that migrates, for what the functions' role may not do: a
     * benchmark's bulk load without the statement timeout, {@code VACUUM ANALYZE} of its tables.
     */
    public Connection ownerConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, options.databaseUser(), options.databasePassword());
    }

    public Map<String, String> queueUrls() {
        return Map.copyOf(queueUrls);
    }

    public SqsClient sqs() {
        return sqs;
    }

    public S3Client s3() {
        return s3;
    }

    public LocalJwt jwt() {
        return jwt;
    }

    public FunctionHost host() {
        return host;
    }

    public SamTemplate template() {
        return template;
    }

    /**
     * Stops the SQS pollers feeding {@code functionId}: its queue keeps what arrives. For benchmarks
     * that measure one path and must not share the two cores with the work it queues.
     */
    public void stopConsumers(String functionId) {
        pollers.stream().filter(p -> p.functionId().equals(functionId)).forEach(SqsPoller::close);
    }

    /**
     * Starts the {@code rate()} schedules of these functions, on a stack started without schedules:
     * for benchmarks whose path includes scheduled work (the outbox relay).
     */
    public void startSchedules(String... functionIds) {
        List<String> ids = List.of(functionIds);
        scheduleLines.addAll(schedules.start(ids::contains));
    }

    /** The SOLAPI (alimtalk) emulator the notification consumer sends to; null when SOLAPI_API_BASE_URL points elsewhere. */
    public SolapiEmulator solapi() {
        return solapi;
    }

    /** The Discord webhook emulator the notification consumer posts to; null when DISCORD_WEBHOOK_URL points elsewhere. */
    public DiscordEmulator discord() {
        return discord;
    }

    /** The Bunjang and Joongna emulator the crawler and the resale check read; null when all three of their URLs point elsewhere. */
    public MarketplaceEmulator market() {
        return market;
    }

    /** The TossPayments emulator the functions talk to; null when TOSS_API_BASE_URL points elsewhere. */
    public TossEmulator toss() {
        return toss;
    }

    /** How long a stop waits for running invocations before it closes the parts under them anyway. */
    static final Duration DRAIN = Duration.ofSeconds(15);

    /**
     * Stops taking work (gateway, pollers, schedules), waits for the invocations in progress to end
     * (at most {@link #DRAIN}), then closes queues, storage and the database under nothing.
     */
    @Override
    public void close() {
        StopClock clock = new StopClock();
        pollers.forEach(SqsPoller::stopPolling);
        if (schedules != null) {
            schedules.close();
        }
        if (gateway != null) {
            gateway.stop(DRAIN);
        }
        clock.lap("the gateway's requests");
        try {
            if (host != null && !host.awaitIdle(DRAIN)) {
                System.err.println(host.running() + " invocations still running after " + DRAIN.toSeconds()
                        + " s: closing the parts under them");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clock.lap("the running invocations");
        while (!parts.isEmpty()) {
            AutoCloseable part = parts.pop();
            try {
                part.close();
            } catch (Exception e) {
                System.err.println("stopping a part failed: " + e);
            }
            clock.lap(part.getClass().isHidden() ? "a stop step" : part.getClass().getSimpleName());
        }
        Database.reset();
        clock.report();
    }

    /** Times a stop's steps and names those that held it up, so that a slow stop says why. */
    private static final class StopClock {
        private static final long SLOW_NANOS = Duration.ofSeconds(1).toNanos();
        private final long start = System.nanoTime();
        private final List<String> slow = new ArrayList<>();
        private long last = start;

        void lap(String step) {
            long now = System.nanoTime();
            if (now - last >= SLOW_NANOS) {
                slow.add(String.format(Locale.ROOT, "%s %.1f s", step, (now - last) / 1e9));
            }
            last = now;
        }

        void report() {
            if (!slow.isEmpty()) {
                System.err.printf(Locale.ROOT, "stopped in %.1f s; waited on %s%n",
                        (System.nanoTime() - start) / 1e9, String.join(", ", slow));
            }
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("invoke")) {
            Invoke.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Path root = Path.of(System.getProperty("noshowping.repo.root", ".")).toAbsolutePath().normalize();
        StackOptions options = StackOptions.from(Environment.current(), root);
        LocalStack stack;
        long start = System.nanoTime();
        try {
            if (List.of(args).contains("--fresh")) {
                step("--fresh", () -> wipe(options.localDir()));
                System.out.println("--fresh: removed " + options.localDir());
            }
            stack = start(options);
        } catch (BootFailure e) {
            System.err.println("the local stack did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            int running = stack.host().running();
            System.out.println("stopping" + (running == 0 ? "…" : ": waiting for " + running + " running invocations…"));
            stack.close();
            stopped.countDown();
        }));
        stack.printBanner((System.nanoTime() - start) / 1e9);
        stopped.await();
    }

    private void printBanner(double seconds) {
        System.out.printf("%nNoshowping local stack ready in %.1f s — Ctrl-C stops everything%n", seconds);
        System.out.println("  gateway   " + gatewayUrl() + "   (routes from template.yaml: " + gateway.bindings().size() + ")");
        System.out.println("  console   " + gatewayUrl() + ConsoleFiles.PREFIX + "   (ops console; sign in with \"로컬 관리자 토큰으로 로그인\")");
        System.out.println("  database  " + psqlCommand(options.databaseUser(), options.databasePassword())
                + "   (functions: " + options.appRole().user() + ")");
        System.out.println("  sqs       " + sqsEndpoint + "   queues: " + String.join(", ", queueUrls.keySet()));
        System.out.println("  s3        " + s3Endpoint + "   buckets: " + String.join(", ", bucketNames.values()));
        System.out.println("  toss      " + (toss == null ? options.outside().get("TOSS_API_BASE_URL") + "   (outside)"
                : toss.baseUrl() + "   (emulator; POST /_local/toss/checkout, /deposit; GET /_local/toss/calls)"));
        System.out.println("  solapi    " + (solapi == null ? options.outside().get("SOLAPI_API_BASE_URL") + "   (outside)"
                : solapi.baseUrl() + "   (emulator; GET /_local/solapi/messages, POST /_local/solapi/faults)"));
        System.out.println("  discord   " + (discord == null ? "DISCORD_WEBHOOK_URL   (outside)"
                : discord.baseUrl() + "   (emulator; GET /_local/discord/messages, POST /_local/discord/delete)"));
        System.out.println("  market    " + functionEnvironment.get("BUNJANG_BASE_URL") + ", "
                + functionEnvironment.get("JOONGNA_BASE_URL") + ", " + functionEnvironment.get("JOONGNA_API_BASE_URL")
                + (market == null ? "   (outside)" : "   (emulator; GET /_local/market/requests, POST /_local/market/churn, /faults)"));
        System.out.println("  schedules " + (scheduleLines.isEmpty() ? "off (LOCAL_SCHEDULES=off): fire with POST /_local/schedules/{id}/run"
                : String.join("; ", scheduleLines)));
        System.out.println("  addresses " + options.localDir().resolve("stack.json"));
        System.out.println("  logs      " + options.localDir().resolve("logs") + " (functions.jsonl: the functions' own JSON lines)");
        System.out.println("  token     curl -s -XPOST " + gatewayUrl() + "/_local/token -d '{\"sub\":\"alice\",\"role\":\"USER\"}'");
        System.out.println("  admin     curl -s -XPOST " + gatewayUrl() + "/_local/token -d '{\"sub\":\"ops-1\",\"role\":\"ADMIN\"}'");
        System.out.println();
    }

    /**
     * {@code --fresh}: stops what an earlier run left on {@code localDir} (its PostgreSQL, its S3Mock),
     * then removes the folder; a server still running there would keep its port and its deleted files.
     */
    static void wipe(Path localDir) throws IOException {
        LeftoverPostgres.stopIfRunning(postgresDirectory(localDir));
        S3MockServer.stopLeftover(localDir.resolve("s3"));
        deleteRecursively(localDir);
    }

    /** Removes {@code dir} and everything in it; nothing when it does not exist. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
