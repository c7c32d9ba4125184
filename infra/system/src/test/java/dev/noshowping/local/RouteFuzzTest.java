package dev.noshowping.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.noshowping.emulator.toss.TossEmulator;
import dev.noshowping.http.ApiRequest;
import dev.noshowping.json.Json;
import dev.noshowping.testkit.ApiCall;
import dev.noshowping.testkit.Events;
import dev.noshowping.testkit.HostileRequests;
import dev.noshowping.testkit.HostileRequests.Case;
import dev.noshowping.testkit.HostileRequests.Request;
import dev.noshowping.testkit.Marketplace;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.RepoRoot;
import dev.noshowping.testkit.Rows;
import dev.noshowping.testkit.S3Extension;
import dev.noshowping.testkit.SqsExtension;
import dev.noshowping.testkit.TestDatabase;
import dev.noshowping.testkit.TossExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 18's fuzz corpus: every HTTP route of template.yaml, driven through the handler class the
 * template names, gets {@link HostileRequests}' corpus derived from its sample in {@code events/}
 * (adapted to a small real world: a seller's article, a pending and a paid order, an open
 * dispute, so hostile values reach the use cases and not only the parser). For every answer: no
 * 5xx and nothing thrown; every 4xx is {@code application/problem+json} with {@code type},
 * {@code title} and its {@code status}; the answer is one docs/openapi.yaml declares; and a refused
 * request leaves every table as it found it (except the two a refusal writes on purpose).
 */
@ExtendWith({PostgresExtension.class, S3Extension.class, TossExtension.class, SqsExtension.class})
class RouteFuzzTest {

    static final Path ROOT = RepoRoot.path();
    static final long PRICE = 300_000;

    /**
     * Written by requests that are then refused, by design: a hold or article attempt costs a token
     * even when refused (rate_bucket, committed with the refusal), and a caller is recorded the
     * first time a use case sees them (app_user).
     */
    static final Set<String> WRITTEN_BY_REFUSALS = Set.of("rate_bucket", "app_user");

    /** The limits the abuse tests cover, lifted so the corpus reaches the use cases instead of a 429. */
    static final Map<String, String> NO_LIMITS = Map.of(
            "HOLD_RATE_BURST", "1000000", "ARTICLE_CREATE_RATE_BURST", "1000000", "MAX_ACTIVE_HOLDS", "1000000");

    @TestFactory
    Stream<DynamicTest> everyRouteAnswersHostileRequestsWithAProblemAndWritesNothing(TossEmulator toss) throws SQLException {
        // a crawl run started by staff queues its tasks
        TestDatabase.get().addServiceEnvironment(Map.of("CRAWL_TASKS_QUEUE_URL",
                SqsExtension.client().createQueue(q -> q.queueName(SqsExtension.queueName("crawl-tasks-fuzz"))).queueUrl()));
        TestDatabase.get().installEnvironment(NO_LIMITS);
        SamTemplate template = SamTemplate.read(ROOT.resolve("template.yaml"));
        Map<String, String> handlerOf = new TreeMap<>();
        template.functions().values().forEach(f -> f.routes().forEach(r -> handlerOf.put(r.routeKey(), f.handler())));
        Map<String, List<String>> samples = samplesByRoute();
        assertThat(samples.keySet()).as("every route has a sample event to derive its corpus from")
                .containsAll(handlerOf.keySet());

        Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> handlers = new HashMap<>();
        // one connection and one prepared digest statement for every route (see Fingerprint)
        Fingerprint fingerprint = new Fingerprint(TestDatabase.get().ownerDataSource());
        Worlds worlds = new Worlds(toss, fingerprint);
        List<DynamicTest> tests = new ArrayList<>();
        handlerOf.forEach((routeKey, handlerName) -> {
            for (String sample : samples.get(routeKey)) {
                tests.add(DynamicTest.dynamicTest(routeKey + " from " + sample, () -> {
                    var handler = handlers.computeIfAbsent(handlerName, RouteFuzzTest::load);
                    World world = worlds.unchanged();
                    Request base = world.adapt(Request.of(Events.http(sample)));
                    int limit = routeKey.equals("POST /webhooks/toss") ? 16 * 1024 : ApiRequest.MAX_BODY_BYTES;
                    fuzz(handler, HostileRequests.corpus(base, limit), fingerprint);
                }));
            }
        });
        // JUnit closes a factory's stream once its tests ran
        return tests.stream().onClose(fingerprint::close);
    }

    private static void fuzz(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                             List<Case> corpus, Fingerprint fingerprint) throws SQLException {
        Map<String, String> before = fingerprint.take();
        long nextXid = fingerprint.nextXid();
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (Case c : corpus) {
            ApiCall.Reply reply;
            try {
                reply = ApiCall.invoke(handler, c.event());
            } catch (Throwable e) {
                // a contract mismatch, or a Throwable past HttpFunction (a Lambda error: 502 at the gateway)
                failures.add(c + ": " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
                before = fingerprint.take();
                nextXid = fingerprint.nextXid();
                continue;
            }
            statuses.merge(reply.status(), 1, Integer::sum);
            String problem = problemFault(reply);
            if (problem != null) {
                failures.add(c + ": " + reply.status() + " " + problem + ": " + firstLine(reply.raw()));
            }
            long xidAfter = fingerprint.nextXid();
            if (xidAfter == nextXid) {
                continue; // no transaction wrote a row: every digest is as before
            }
            nextXid = xidAfter;
            Map<String, String> after = fingerprint.take();
            if (reply.status() >= 400) {
                Map<String, String> was = before;
                List<String> changed = was.keySet().stream().filter(t -> !was.get(t).equals(after.get(t))).toList();
                if (!changed.isEmpty()) {
                    failures.add(c + ": refused with " + reply.status() + " but wrote to " + changed);
                }
            }
            before = after;
        }
        assertThat(failures).as("of %d hostile requests (statuses %s)", corpus.size(), statuses).isEmpty();
    }

    /** What is wrong with an answer, or null: a 5xx, or a 4xx that is not a complete problem document. */
    private static String problemFault(ApiCall.Reply reply) {
        if (reply.status() >= 500) {
            return "server error";
        }
        if (reply.status() < 400) {
            return null;
        }
        String type = reply.header("Content-Type");
        if (type == null || !type.startsWith("application/problem+json")) {
            return "content type " + type;
        }
        JsonNode json = reply.json();
        if (json == null || !json.path("type").isTextual() || !json.path("title").isTextual()
                || json.path("status").asInt() != reply.status()) {
            return "not a problem document";
        }
        return null;
    }

    /**
     * A digest of every table's rows (the owner reads them all), one per table: a refused request
     * that inserts, updates or deletes anything changes one. One connection and one prepared
     * statement for the whole test, so the server plans the ~30 subqueries once, not per request;
     * read again only after a request that wrote (most refusals write nothing: {@link #nextXid}).
     */
    private static final class Fingerprint implements AutoCloseable {
        private final Connection connection;
        private final List<String> tables = new ArrayList<>();
        private final java.sql.PreparedStatement statement;
        private final java.sql.PreparedStatement nextXid;

        Fingerprint(DataSource owner) throws SQLException {
            connection = owner.getConnection();
            try (ResultSet rs = connection.createStatement().executeQuery("""
                    select table_name from information_schema.tables
                    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'flyway_schema_history'
                    order by table_name""")) {
                while (rs.next()) {
                    if (!WRITTEN_BY_REFUSALS.contains(rs.getString(1))) {
                        tables.add(rs.getString(1));
                    }
                }
            }
            StringBuilder sql = new StringBuilder("select ");
            for (int i = 0; i < tables.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from ")
                        .append(tables.get(i)).append(" t)");
            }
            statement = connection.prepareStatement(sql.toString());
            nextXid = connection.prepareStatement("select pg_snapshot_xmax(pg_current_snapshot())::text::bigint");
        }

        /**
         * The next transaction id the server will assign. A transaction gets one when it first writes
         * a row, so while this stands still no table changed and the digests need not be read again.
         */
        long nextXid() throws SQLException {
            try (ResultSet rs = nextXid.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }

        Map<String, String> take() throws SQLException {
            Map<String, String> digests = new LinkedHashMap<>();
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                for (int i = 0; i < tables.size(); i++) {
                    digests.put(tables.get(i), rs.getString(i + 1));
                }
            }
            return digests;
        }

        @Override
        public void close() {
            try {
                connection.close();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Hands each route a world as {@link World#build} left it. Building one costs a few handler
     * calls, so it is built again only when a request changed a row since; the rows refusals write
     * on purpose ({@link #WRITTEN_BY_REFUSALS}) do not count, as the limits are lifted.
     */
    private static final class Worlds {
        private final TossEmulator toss;
        private final Fingerprint fingerprint;
        private World world;
        private long builtAt;
        private Map<String, String> digests;

        Worlds(TossEmulator toss, Fingerprint fingerprint) {
            this.toss = toss;
            this.fingerprint = fingerprint;
        }

        World unchanged() throws SQLException {
            if (world != null) {
                long next = fingerprint.nextXid();
                if (next == builtAt || fingerprint.take().equals(digests)) {
                    builtAt = next;
                    return world;
                }
            }
            TestDatabase.get().clean();
            world = World.build(toss);
            builtAt = fingerprint.nextXid();
            digests = fingerprint.take();
            return world;
        }
    }

    /** Every sample HTTP event under events/, by its route key. */
    private static Map<String, List<String>> samplesByRoute() {
        Map<String, List<String>> byRoute = new TreeMap<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("events"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode event = Json.MAPPER.readTree(file.toFile());
                if (event.has("routeKey")) {
                    byRoute.computeIfAbsent(event.get("routeKey").asText(), k -> new ArrayList<>())
                            .add(ROOT.resolve("events").relativize(file).toString());
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return byRoute;
    }

    @SuppressWarnings("unchecked")
    private static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> load(String handler) {
        return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) (RequestHandler<?, ?>) FunctionHost.load(handler);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    /**
     * The rows a route's valid request names: a seller's article and a spare uploaded screenshot, an
     * order pending payment, a paid one, a disputed one; made through the handlers themselves.
     */
    record World(long article, long screenshot, long merchant, long pendingOrder, String pendingOriginId,
                 String pendingPaymentKey, long paidOrder, String paidOriginId, String paidPaymentKey, long dispute) {

        static final String SELLER = "fuzz-seller";
        static final String BUYER = "fuzz-buyer";
        static final String ADMIN = "fuzz-admin";

        static World build(TossEmulator toss) throws SQLException {
            var api = load("dev.noshowping.functions.payments.TossConfirmHandler::handleRequest");
            DataSource ds = TestDatabase.get().dataSource();
            long article = Marketplace.articleOnSale(SELLER, PRICE);
            long screenshot = Marketplace.uploadedScreenshot(SELLER);
            long merchant = Rows.number(ds, "select merchant_id from article where id = " + article);

            var pending = hold(api, Marketplace.articleOnSale(SELLER, PRICE));
            String pendingKey = toss.checkout(pending.get("orderId").asText(), PRICE, TossEmulator.Method.CARD);

            var paid = hold(api, Marketplace.articleOnSale(SELLER, PRICE));
            String paidKey = pay(api, toss, paid);
            var disputed = hold(api, Marketplace.articleOnSale(SELLER, PRICE));
            pay(api, toss, disputed);
            var dispute = ApiCall.as(BUYER).post("/orders/{id}/disputes",
                    "{\"reason\":\"NAME_NOT_CHANGED\",\"description\":\"이름이 그대로예요\"}")
                    .path("id", disputed.get("id").asLong()).invoke(api);
            assertThat(dispute.status()).as(dispute.raw()).isEqualTo(201);
            return new World(article, screenshot, merchant, pending.get("id").asLong(), pending.get("orderId").asText(),
                    pendingKey, paid.get("id").asLong(), paid.get("orderId").asText(), paidKey,
                    dispute.json().get("id").asLong());
        }

        private static JsonNode hold(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> api, long article) {
            var reply = ApiCall.as(BUYER).post("/orders", "{\"articleId\":" + article + ",\"guestName\":\"김민수\"}").invoke(api);
            assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
            return reply.json();
        }

        private static String pay(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> api, TossEmulator toss,
                                  JsonNode order) {
            String orderId = order.get("orderId").asText();
            String key = toss.checkout(orderId, PRICE, TossEmulator.Method.CARD);
            var reply = ApiCall.as(BUYER).post("/payments/confirm", "{\"paymentKey\":\"" + key + "\",\"orderId\":\""
                    + orderId + "\",\"amount\":" + PRICE + "}").invoke(api);
            assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
            return key;
        }

        /** The sample request, naming this world's rows, sent by the party the route is for. */
        Request adapt(Request sample) throws IOException {
            Request r = sample;
            String id = switch (sample.pathTemplate()) {
                case "/articles/{id}", "/articles/{id}/watch" -> Long.toString(article);
                case "/images/{id}/url" -> Long.toString(screenshot);
                case "/orders/{id}/cancel" -> Long.toString(pendingOrder);
                case "/admin/disputes/{id}/resolve" -> Long.toString(dispute);
                case "/admin/merchants/{id}/verify", "/admin/merchants/{id}/suspend", "/admin/merchants/{id}/reinstate" ->
                        Long.toString(merchant);
                case "/admin/articles/{id}/take-down", "/admin/articles/{id}/restore" -> Long.toString(article);
                case "/admin/orders/{id}" -> Long.toString(paidOrder);
                default -> Long.toString(paidOrder);
            };
            if (sample.pathParameters() != null && sample.pathParameters().containsKey("id")) {
                r = r.withPathParameter("id", id);
            }
            if (sample.claims() != null) {
                String who = switch (sample.routeKey()) {
                    case "POST /merchants" -> BUYER;
                    case "POST /articles", "GET /merchants/me", "POST /images", "POST /orders/{id}/transfer" -> SELLER;
                    case "POST /articles/{id}/watch", "DELETE /articles/{id}/watch" -> BUYER;   // a seller may not watch their own
                    default -> sample.pathTemplate().startsWith("/articles") || sample.pathTemplate().startsWith("/images")
                            ? SELLER : BUYER;
                };
                r = sample.pathTemplate().startsWith("/admin") ? r.as(ADMIN, "ADMIN") : r.as(who, "USER");
            }
            if (sample.body() == null) {
                return r;
            }
            JsonNode body = Json.MAPPER.readTree(sample.body());
            if (!(body instanceof ObjectNode o)) {
                return r;
            }
            switch (sample.routeKey()) {
                case "POST /articles" -> {
                    ObjectNode valid = Marketplace.articleRequestBody();
                    valid.putArray("screenshotIds").add(screenshot);
                    return r.withBody(valid.toString());
                }
                case "POST /orders" -> o.put("articleId", article);
                case "POST /payments/confirm" -> o.put("orderId", pendingOriginId).put("paymentKey", pendingPaymentKey)
                        .put("amount", PRICE);
                case "POST /orders/{id}/transfer", "POST /orders/{id}/disputes" -> o.putArray("screenshotIds");
                default -> {
                    if (o.has("orderId")) {
                        o.put("orderId", paidOriginId);
                    }
                    if (o.path("data").isObject()) {
                        ((ObjectNode) o.get("data")).put("orderId", paidOriginId).put("paymentKey", paidPaymentKey);
                    }
                }
            }
            return r.withBody(o.toString());
        }
    }
}
