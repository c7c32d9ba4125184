package dev.noshowping.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.noshowping.http.Problem;
import dev.noshowping.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The local API Gateway (HTTP API, payload format 2.0). Routes, handlers and authorizer settings
 * come from {@code template.yaml}; each request becomes an {@link APIGatewayV2HTTPEvent} for the
 * real handler class, and its response goes back as HTTP. The ops console's files under
 * {@code /admin/} ({@link ConsoleFiles}) and the local-only routes under {@code /_local}
 * ({@link LocalRoutes}) are served first.
 */
public final class HttpGateway implements AutoCloseable {

    /** A template route bound to its function, with the path split for matching. */
    record Binding(String functionId, SamTemplate.HttpRoute route, String[] segments) {
        int parameterCount() {
            int n = 0;
            for (String s : segments) {
                if (s.startsWith("{")) {
                    n++;
                }
            }
            return n;
        }
    }

    record Match(Binding binding, Map<String, String> pathParameters) {
    }

    /** A handler for local-only routes; returns empty when the path is not one of its own. */
    public interface LocalRoutes {
        Optional<Reply> handle(String method, String path, Map<String, String> headers, byte[] body) throws IOException;
    }

    public record Reply(int status, String contentType, String body) {
    }

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    private final FunctionHost host;
    private final LocalJwt jwt;
    private final List<Binding> bindings = new ArrayList<>();
    private final List<LocalRoutes> localRoutes;
    private final Optional<ConsoleFiles> console;
    private final HttpServer server;
    private final AtomicBoolean stopped = new AtomicBoolean();

    public HttpGateway(FunctionHost host, LocalJwt jwt, int port, List<LocalRoutes> localRoutes) throws IOException {
        this(host, jwt, port, localRoutes, Optional.empty());
    }

    public HttpGateway(FunctionHost host, LocalJwt jwt, int port, List<LocalRoutes> localRoutes,
                       Optional<ConsoleFiles> console) throws IOException {
        this.host = host;
        this.jwt = jwt;
        this.localRoutes = List.copyOf(localRoutes);
        this.console = console;
        host.template().functions().values().forEach(f -> f.routes().forEach(r ->
                bindings.add(new Binding(f.logicalId(), r, split(r.path())))));
        // API Gateway prefers the most specific route: fewer path variables first.
        bindings.sort(Comparator.comparingInt(Binding::parameterCount).thenComparing(b -> -b.segments().length));
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        // platform threads, as Lambda runs a handler: a virtual thread blocked on JDBC or on the
        // Toss emulator would park and unpark through the scheduler at every round trip
        server.setExecutor(Executors.newCachedThreadPool(Thread.ofPlatform().name("gateway-", 0).daemon().factory()));
        server.createContext("/", this::serve);
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Binding> bindings() {
        return List.copyOf(bindings);
    }

    /**
     * Stops accepting connections and waits up to {@code drain} for the requests being handled to be
     * answered (a stack stopped by Ctrl-C still answers what it accepted). Once only.
     */
    public void stop(Duration drain) {
        if (stopped.compareAndSet(false, true)) {
            server.stop((int) Math.max(0, drain.toSeconds()));
        }
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = headers(exchange);
            if (console.isPresent()) {
                Optional<ConsoleFiles.Served> file = console.get().serve(method, path);
                if (file.isPresent()) {
                    send(exchange, file.get().status(), file.get().headers(), file.get().body());
                    return;
                }
            }
            for (LocalRoutes local : localRoutes) {
                Optional<Reply> reply = local.handle(method, path, headers, body);
                if (reply.isPresent()) {
                    send(exchange, reply.get().status(), Map.of("Content-Type", reply.get().contentType()),
                            reply.get().body().getBytes(StandardCharsets.UTF_8));
                    return;
                }
            }
            Optional<Match> match = match(method, path);
            if (match.isEmpty()) {
                problem(exchange, Problem.notFound("no route " + method + " " + path));
                return;
            }
            Binding binding = match.get().binding();
            Map<String, String> claims = null;
            if (binding.route().authorized() && host.template().jwt().defaultAuthorizer()) {
                try {
                    claims = jwt.verify(headers.get("authorization"));
                } catch (LocalJwt.Rejected e) {
                    // API Gateway answers here without invoking the function; say so in the log
                    System.out.printf("%-12s %-22s %-8s %-28s → 401 %s%n", "", "(authorizer)", "http",
                            binding.route().routeKey(), e.getMessage());
                    problem(exchange, Problem.unauthorized(e.getMessage()));
                    return;
                }
            }
            APIGatewayV2HTTPEvent event = event(exchange, method, path, headers, body, match.get(), claims);
            APIGatewayV2HTTPResponse response;
            try {
                response = host.invoke(binding.functionId(), "http", binding.route().routeKey(), event,
                        (APIGatewayV2HTTPResponse r) -> r == null ? "no response" : String.valueOf(r.getStatusCode()));
            } catch (RuntimeException e) {
                // As in Lambda: an unhandled exception is the function's fault, reported as a 500.
                problem(exchange, Problem.internal(event.getRequestContext().getRequestId()));
                return;
            }
            respond(exchange, response);
        }
    }

    Optional<Match> match(String method, String rawPath) {
        String[] parts = split(rawPath);
        for (Binding b : bindings) {
            String routeMethod = b.route().method();
            if (!routeMethod.equals(method) && !routeMethod.equals("ANY")) {
                continue;
            }
            Map<String, String> params = matchPath(b.segments(), parts);
            if (params != null) {
                return Optional.of(new Match(b, params));
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> matchPath(String[] template, String[] actual) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{") && t.endsWith("+}")) {
                if (i >= actual.length) {
                    return null;
                }
                List<String> rest = new ArrayList<>();
                for (int j = i; j < actual.length; j++) {
                    rest.add(decode(actual[j]));
                }
                params.put(t.substring(1, t.length() - 2), String.join("/", rest));
                return params;
            }
            if (i >= actual.length) {
                return null;
            }
            if (t.startsWith("{") && t.endsWith("}")) {
                params.put(t.substring(1, t.length() - 1), decode(actual[i]));
            } else if (!t.equals(actual[i])) {
                return null;
            }
        }
        return template.length == actual.length ? params : null;
    }

    private static String[] split(String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        return headers;
    }

    private static APIGatewayV2HTTPEvent event(HttpExchange exchange, String method, String path,
                                               Map<String, String> headers, byte[] body, Match match,
                                               Map<String, String> claims) {
        String rawQuery = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.merge(name, value, (a, b) -> a + "," + b);
        }
        List<String> cookies = headers.containsKey("cookie")
                ? List.of(headers.get("cookie").split(";\\s*")) : null;
        boolean text = isText(headers.get("content-type"));
        String bodyText = body.length == 0 ? null
                : text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body);
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        String routeKey = match.binding().route().routeKey();
        var requestContext = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId("000000000000")
                .withApiId("local")
                .withDomainName(headers.getOrDefault("host", "localhost"))
                .withDomainPrefix("localhost")
                .withRequestId(UUID.randomUUID().toString())
                .withRouteKey(routeKey)
                .withStage("$default")
                .withTime(now.format(REQUEST_TIME))
                .withTimeEpoch(now.toInstant().toEpochMilli())
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod(method)
                        .withPath(path)
                        .withProtocol(exchange.getProtocol())
                        .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                        .withUserAgent(headers.get("user-agent"))
                        .build());
        if (claims != null) {
            requestContext.withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                    .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                            .withClaims(claims)
                            .withScopes(null)
                            .build())
                    .build());
        }
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(path)
                .withRawQueryString(rawQuery)
                .withCookies(cookies)
                .withHeaders(headers)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withPathParameters(match.pathParameters().isEmpty() ? null : match.pathParameters())
                .withBody(bodyText)
                .withIsBase64Encoded(bodyText != null && !text)
                .withRequestContext(requestContext.build())
                .build();
    }

    private static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String ct = contentType.toLowerCase(Locale.ROOT);
        return ct.startsWith("text/") || ct.contains("json") || ct.contains("xml")
                || ct.startsWith("application/x-www-form-urlencoded");
    }

    private static void respond(HttpExchange exchange, APIGatewayV2HTTPResponse response) throws IOException {
        if (response == null) {
            problem(exchange, Problem.internal("no response from the function"));
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (response.getHeaders() != null) {
            headers.putAll(response.getHeaders());
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
        }
        if (response.getCookies() != null) {
            response.getCookies().forEach(c -> exchange.getResponseHeaders().add("Set-Cookie", c));
        }
        String body = response.getBody();
        byte[] bytes = body == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        send(exchange, response.getStatusCode(), headers, bytes);
    }

    static void problem(HttpExchange exchange, Problem problem) throws IOException {
        send(exchange, problem.status(), Map.of("Content-Type", Problem.MEDIA_TYPE),
                Json.write(problem).getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        boolean empty = body.length == 0 || status == 204 || status == 304;
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
