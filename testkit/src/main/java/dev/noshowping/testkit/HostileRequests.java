package dev.noshowping.testkit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.noshowping.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic corpus of hostile requests for one route, derived from a valid request to it
 * (usually its sample in {@code events/}): bodies that are not JSON, cut short, of the wrong shape,
 * each field replaced by values of the wrong type, huge, negative, control characters, unicode
 * tricks, deep nesting, duplicate and unknown keys; odd path parameters; hostile query strings;
 * wrong or missing headers and claims; bodies above the size limit. The same base and seed always
 * give the same cases in the same order, so a failure names a case that can be replayed.
 *
 * <pre>{@code
 * for (var c : HostileRequests.corpus(HostileRequests.Request.of(Events.http("toss-confirm/post-orders.json")), 256 * 1024)) {
 *     handler.handleRequest(c.event(), context);
 * }
 * }</pre>
 */
public final class HostileRequests {

    /** The seed of the generated (random) cases; fixed, so the corpus never changes between runs. */
    public static final long SEED = 18L;

    private static final int HUGE = 100 * 1024;
    private static final int DEEP = 10_000;
    /** About how many field-replacement cases one route gets, which bounds the corpus of a large body. */
    private static final int FIELD_CASES = 120;

    private HostileRequests() {
    }

    /** A request to one route, in the parts a hostile caller controls. Maps may be null (absent). */
    public record Request(String method, String pathTemplate, Map<String, String> pathParameters,
                          Map<String, String> query, Map<String, String> headers, Map<String, String> claims,
                          String body, boolean base64) {

        /** The parts of an HTTP API event, e.g. a sample from {@code events/}. */
        public static Request of(APIGatewayV2HTTPEvent event) {
            String[] key = event.getRouteKey().split(" ", 2);
            var rc = event.getRequestContext();
            var jwt = rc == null || rc.getAuthorizer() == null ? null : rc.getAuthorizer().getJwt();
            return new Request(key[0], key[1], copy(event.getPathParameters()), copy(event.getQueryStringParameters()),
                    copy(event.getHeaders()), jwt == null ? null : copy(jwt.getClaims()), event.getBody(),
                    event.getIsBase64Encoded());
        }

        public Request withPathParameter(String name, String value) {
            Map<String, String> p = copy(pathParameters);
            p = p == null ? new LinkedHashMap<>() : p;
            p.put(name, value);
            return new Request(method, pathTemplate, p, query, headers, claims, body, base64);
        }

        public Request withPathParameters(Map<String, String> p) {
            return new Request(method, pathTemplate, p, query, headers, claims, body, base64);
        }

        public Request withQuery(Map<String, String> q) {
            return new Request(method, pathTemplate, pathParameters, q, headers, claims, body, base64);
        }

        public Request withQueryParameter(String name, String value) {
            Map<String, String> q = copy(query);
            q = q == null ? new LinkedHashMap<>() : q;
            q.put(name, value);
            return withQuery(q);
        }

        public Request withHeader(String name, String value) {
            Map<String, String> h = copy(headers);
            h = h == null ? new LinkedHashMap<>() : h;
            h.keySet().removeIf(k -> k.equalsIgnoreCase(name));
            if (value != null) {
                h.put(name.toLowerCase(Locale.ROOT), value);
            }
            return new Request(method, pathTemplate, pathParameters, query, h, claims, body, base64);
        }

        public Request withHeaders(Map<String, String> h) {
            return new Request(method, pathTemplate, pathParameters, query, h, claims, body, base64);
        }

        public Request withClaims(Map<String, String> c) {
            return new Request(method, pathTemplate, pathParameters, query, headers, c, body, base64);
        }

        /** The token's subject and role (the caller the authorizer verified); other claims kept. */
        public Request as(String subject, String role) {
            Map<String, String> c = claims == null ? new HashMap<>() : copy(claims);
            c.put("sub", subject);
            c.put("role", role);
            return withClaims(c);
        }

        public Request withBody(String b) {
            return new Request(method, pathTemplate, pathParameters, query, headers, claims, b, false);
        }

        public Request withBase64Body(String b) {
            return new Request(method, pathTemplate, pathParameters, query, headers, claims, b, true);
        }

        public String routeKey() {
            return method + " " + pathTemplate;
        }

        /** The event API Gateway would hand the function for this request. */
        public APIGatewayV2HTTPEvent event() {
            String rawPath = pathTemplate;
            if (pathParameters != null) {
                for (var p : pathParameters.entrySet()) {
                    rawPath = rawPath.replace("{" + p.getKey() + "}", String.valueOf(p.getValue()));
                }
            }
            var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(rawPath)
                    .withProtocol("HTTP/1.1").withSourceIp("203.0.113.9").withUserAgent("fuzz").build();
            var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                    .withRequestId("fuzz-" + System.nanoTime()).withRouteKey(routeKey()).withStage("$default")
                    .withHttp(http);
            if (claims != null) {
                context.withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                .withClaims(copy(claims)).build()).build());
            }
            return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(routeKey()).withRawPath(rawPath)
                    .withRawQueryString(rawQuery()).withHeaders(copy(headers)).withPathParameters(copy(pathParameters))
                    .withQueryStringParameters(copy(query)).withBody(body).withIsBase64Encoded(base64)
                    .withRequestContext(context.build()).build();
        }

        private String rawQuery() {
            if (query == null) {
                return "";
            }
            StringBuilder s = new StringBuilder();
            query.forEach((k, v) -> s.append(s.isEmpty() ? "" : "&").append(k).append('=').append(v));
            return s.toString();
        }
    }

    /** One hostile request and a name that says what is hostile about it. */
    public record Case(String name, Request request) {
        public APIGatewayV2HTTPEvent event() {
            return request.event();
        }

        @Override
        public String toString() {
            return request.routeKey() + " [" + name + "]";
        }
    }

    /**
     * Every case for the route of {@code base}: body cases when the base has a body, path cases when
     * its template has parameters, query cases when it has a query string or is a GET, header and
     * claim cases always. {@code maxBodyChars} is the route's body limit (the corpus sends one
     * character more, and a megabyte).
     */
    public static List<Case> corpus(Request base, int maxBodyChars) {
        List<Case> cases = new ArrayList<>();
        Random random = new Random(SEED ^ base.routeKey().hashCode());
        if (base.body() != null || !base.method().equals("GET")) {
            bodies(base, maxBodyChars, random, cases);
        }
        paths(base, cases);
        if (base.method().equals("GET") || base.query() != null) {
            queries(base, random, cases);
        }
        headers(base, cases);
        claims(base, cases);
        return cases;
    }

    /** Values of the wrong type, size or alphabet that replace each field of a valid body in turn. */
    public static Map<String, JsonNode> hostileValues() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Map<String, JsonNode> v = new LinkedHashMap<>();
        v.put("null", NullNode.getInstance());
        v.put("true", BooleanNode.TRUE);
        v.put("-1", IntNode.valueOf(-1));
        v.put("0", IntNode.valueOf(0));
        v.put("0.5", DoubleNode.valueOf(0.5));
        v.put("Long.MAX_VALUE", LongNode.valueOf(Long.MAX_VALUE));
        v.put("2^63", BigIntegerNode.valueOf(BigInteger.TWO.pow(63)));
        v.put("1e400", DecimalNode.valueOf(new BigDecimal("1e400")));
        v.put("empty string", TextNode.valueOf(""));
        v.put("numeric string", TextNode.valueOf("-1"));
        v.put("100 KB string", TextNode.valueOf("가나다라".repeat(HUGE / 4)));
        v.put("NUL", TextNode.valueOf("a\u0000b"));
        v.put("control characters", TextNode.valueOf("\u0001\u0007\b\u001b[31m\r\n\u007f\u0085"));
        v.put("lone surrogate", TextNode.valueOf("\ud800x"));
        v.put("RTL override", TextNode.valueOf("\u202egnp.exe\u202c"));
        v.put("emoji", TextNode.valueOf("🏨🇰🇷👨‍👩‍👧‍👦"));
        v.put("combining marks", TextNode.valueOf("a" + "\u0301\u0316\u0344".repeat(300)));
        v.put("SQL", TextNode.valueOf("1'; drop table article; --"));
        v.put("array", f.arrayNode().add(1).add("x"));
        v.put("object", f.objectNode().put("x", 1));
        return v;
    }

    private static void bodies(Request base, int maxBodyChars, Random random, List<Case> cases) {
        String valid = base.body() == null ? "{}" : base.body();
        add(cases, "no body", base.withBody(null));
        add(cases, "empty body", base.withBody(""));
        add(cases, "blank body", base.withBody(" \n\t "));
        add(cases, "not JSON", base.withBody("hello, not json"));
        add(cases, "XML", base.withBody("<?xml version=\"1.0\"?><order/>"));
        add(cases, "form encoded", base.withBody("a=1&b=2"));
        add(cases, "truncated JSON", base.withBody(valid.substring(0, valid.length() / 2)));
        add(cases, "unclosed object", base.withBody("{"));
        add(cases, "trailing garbage", base.withBody(valid + " x"));
        add(cases, "two objects", base.withBody(valid + valid));
        add(cases, "BOM", base.withBody("\ufeff" + valid));
        add(cases, "comment", base.withBody("/* c */" + valid));
        add(cases, "NaN", base.withBody("{\"a\":NaN}"));
        add(cases, "single quotes", base.withBody(valid.replace('"', '\'')));
        add(cases, "NUL byte", base.withBody(valid.replaceFirst("\\{", "{\u0000")));
        add(cases, "top-level array", base.withBody("[" + valid + "]"));
        add(cases, "top-level empty array", base.withBody("[]"));
        add(cases, "top-level number", base.withBody("42"));
        add(cases, "top-level huge number", base.withBody("1e400"));
        add(cases, "top-level string", base.withBody("\"x\""));
        add(cases, "top-level null", base.withBody("null"));
        add(cases, "top-level true", base.withBody("true"));
        add(cases, "empty object", base.withBody("{}"));
        add(cases, "nested arrays " + DEEP, base.withBody("[".repeat(DEEP) + "]".repeat(DEEP)));
        add(cases, "nested objects " + DEEP, base.withBody("{\"a\":".repeat(DEEP) + "1" + "}".repeat(DEEP)));
        add(cases, "deep field " + DEEP, base.withBody(withField(valid, "deep", "[".repeat(DEEP) + "]".repeat(DEEP))));
        add(cases, "unknown field", base.withBody(withField(valid, "isAdmin", "true")));
        add(cases, "many unknown fields", base.withBody(manyFields(valid)));
        add(cases, "invalid base64", base.withBase64Body("%%% not base64 %%%"));
        add(cases, "base64 of garbage", base.withBase64Body(Base64.getEncoder().encodeToString(randomBytes(random, 64))));
        add(cases, "base64 of the body", base.withBase64Body(
                Base64.getEncoder().encodeToString(valid.getBytes(StandardCharsets.UTF_8))));
        add(cases, "one character above the limit", base.withBody(padded(valid, maxBodyChars + 1)));
        add(cases, "a megabyte", base.withBody(padded(valid, 1024 * 1024)));
        // under the limit in characters, three times over it in UTF-8 bytes
        add(cases, "multibyte at the limit", base.withBody(withField(valid, "x",
                "\"" + "가".repeat(Math.max(1, maxBodyChars - valid.length() - 10)) + "\"")));
        for (int i = 0; i < 8; i++) {
            add(cases, "random bytes " + i, base.withBody(new String(randomBytes(random, 1 + random.nextInt(200)),
                    StandardCharsets.ISO_8859_1)));
        }
        for (int i = 0; i < 8; i++) {
            add(cases, "mangled " + i, base.withBody(mangle(valid, random)));
        }
        JsonNode tree = parse(valid);
        if (tree instanceof ObjectNode object && !object.isEmpty()) {
            List<String> paths = new ArrayList<>();
            fieldPaths(object, "", paths);
            object.fieldNames().forEachRemaining(name ->
                    add(cases, "duplicate " + name, base.withBody(withField(valid, name, "\"duplicate\""))));
            // every field gets every value while that stays under FIELD_CASES; past it, each field gets
            // the next few values in turn, so every value still reaches many fields
            var values = new ArrayList<>(hostileValues().entrySet());
            int perPath = Math.min(values.size(), Math.max(3, FIELD_CASES / paths.size()));
            for (int p = 0; p < paths.size(); p++) {
                for (int j = 0; j < perPath; j++) {
                    var value = values.get((p * perPath + j) % values.size());
                    ObjectNode copy = object.deepCopy();
                    replace(copy, paths.get(p), value.getValue());
                    add(cases, paths.get(p) + " = " + value.getKey(), base.withBody(copy.toString()));
                }
            }
        }
    }

    private static void paths(Request base, List<Case> cases) {
        if (base.pathParameters() == null || base.pathParameters().isEmpty()) {
            return;
        }
        for (String name : base.pathParameters().keySet()) {
            for (String value : List.of("-1", "0", "99999999999999999999", "9223372036854775807", "abc",
                    "1;drop table article", "1%20or%201=1", "%31", "", " ", " 1", "1 ", "+1", "1e3", "0x10",
                    "٤٢", "1/../2", "1\u0000", "1".repeat(1000))) {
                add(cases, "path " + name + " = " + printable(value), base.withPathParameter(name, value));
            }
        }
        add(cases, "no path parameters", base.withPathParameters(null));
    }

    private static void queries(Request base, Random random, List<Case> cases) {
        Map<String, String> q = base.query() == null ? Map.of() : base.query();
        add(cases, "no query", base.withQuery(null));
        add(cases, "unknown parameter", base.withQueryParameter("isAdmin", "true"));
        for (String name : List.of("limit", "cursor")) {
            for (String value : List.of("-1", "0", "1000000", "99999999999999999999", "abc", "1.5", "",
                    "%%%", "bm90IGpzb24", "eyJ4IjoxfQ", "e30", "W10", "bnVsbA", Base64.getEncoder().encodeToString(
                            "{\"id\":-1,\"at\":\"x\",\"v\":[1]}".getBytes(StandardCharsets.UTF_8)),
                    "A".repeat(10_000), "\u0000")) {
                add(cases, "query " + name + " = " + printable(value), base.withQueryParameter(name, value));
            }
        }
        List<String> names = new ArrayList<>(q.keySet());
        names.addAll(List.of("status", "keyword", "as"));
        for (String name : names.stream().distinct().toList()) {
            String was = q.getOrDefault(name, "1");
            for (String value : List.of("' or 1=1 --", "%' and 1=1 --", "\\", "_", was + "," + was,
                    "\u0000", "가".repeat(10_000), "-1", "99999999999999999999", "2026-13-45", "null")) {
                add(cases, "query " + name + " = " + printable(value), base.withQueryParameter(name, value));
            }
        }
        Map<String, String> many = new LinkedHashMap<>(q);
        for (int i = 0; i < 200; i++) {
            many.put("p" + random.nextInt(1_000_000), "v" + i);
        }
        add(cases, "200 unknown parameters", base.withQuery(many));
    }

    private static void headers(Request base, List<Case> cases) {
        add(cases, "no headers", base.withHeaders(null));
        add(cases, "no content-type", base.withHeader("content-type", null));
        for (String type : List.of("text/plain", "application/xml", "multipart/form-data; boundary=x",
                "application/x-www-form-urlencoded", "application/json; charset=latin1", "APPLICATION/JSON",
                "application/jsonp", "", "\u0000", "x".repeat(10_000))) {
            add(cases, "content-type " + printable(type), base.withHeader("Content-Type", type));
        }
        for (String key : List.of("", " ", "k".repeat(HUGE), "a\u0000b", "\u202ekey", "🔑", "1'; drop table idempotency_key; --")) {
            add(cases, "idempotency-key " + printable(key), base.withHeader("Idempotency-Key", key));
        }
        add(cases, "huge header", base.withHeader("x-fuzz", "h".repeat(HUGE)));
        add(cases, "odd host", base.withHeader("host", "evil.example"));
    }

    private static void claims(Request base, List<Case> cases) {
        Map<String, String> valid = base.claims() == null ? Map.of("sub", "fuzz-user", "role", "USER") : base.claims();
        add(cases, "no authorizer", base.withClaims(null));
        add(cases, "no claims", base.withClaims(Map.of()));
        Map<String, String> noSub = new HashMap<>(valid);
        noSub.remove("sub");
        add(cases, "no subject", base.withClaims(noSub));
        for (String sub : List.of("", " ", "s".repeat(HUGE), "a\u0000b", "\u202esub", "🙂", "1'; drop table app_user; --",
                "unknown-subject-" + SEED)) {
            Map<String, String> c = new HashMap<>(valid);
            c.put("sub", sub);
            add(cases, "subject " + printable(sub), base.withClaims(c));
        }
        for (String role : List.of("", "admin", " ADMIN ", "ROOT", "ADMIN,USER", "\u0000", "ＡＤＭＩＮ")) {
            Map<String, String> c = new HashMap<>(valid);
            c.put("role", role);
            add(cases, "role " + printable(role), base.withClaims(c));
        }
        for (String phone : List.of("+821012345678", "01012345678", "+8".repeat(5000), "\u0000")) {
            Map<String, String> c = new HashMap<>(valid);
            c.put("phone_number", phone);
            c.put("phone_number_verified", "true");
            add(cases, "phone " + printable(phone), base.withClaims(c));
        }
    }

    private static void add(List<Case> cases, String name, Request request) {
        cases.add(new Case(name, request));
    }

    private static String printable(String s) {
        String shown = s.length() > 24 ? s.substring(0, 12) + "…(" + s.length() + ")" : s;
        StringBuilder out = new StringBuilder();
        shown.codePoints().forEach(c -> out.append(Character.isISOControl(c) ? String.format("\\u%04x", c)
                : new String(Character.toChars(c))));
        return "'" + out + "'";
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** A few characters of a valid body deleted, duplicated or swapped for JSON punctuation. */
    private static String mangle(String valid, Random random) {
        StringBuilder s = new StringBuilder(valid);
        String punctuation = "{}[]\":,\\-0e.";
        for (int i = 1 + random.nextInt(4); i > 0 && !s.isEmpty(); i--) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(3)) {
                case 0 -> s.deleteCharAt(at);
                case 1 -> s.insert(at, s.charAt(at));
                default -> s.setCharAt(at, punctuation.charAt(random.nextInt(punctuation.length())));
            }
        }
        return s.toString();
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code valid} with one more member written as raw JSON text (the body is assumed an object). */
    private static String withField(String valid, String name, String rawValue) {
        String trimmed = valid.strip();
        if (!trimmed.startsWith("{")) {
            return "{\"" + name + "\":" + rawValue + "}";
        }
        String rest = trimmed.substring(1).strip();
        return "{\"" + name + "\":" + rawValue + (rest.startsWith("}") ? "" : ",") + rest;
    }

    private static String manyFields(String valid) {
        StringBuilder extra = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            extra.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":").append(i);
        }
        return withField(valid, "f", "0," + extra);
    }

    /** {@code valid} padded to {@code length} characters with a string member (at least one member added). */
    private static String padded(String valid, int length) {
        String prefix = withField(valid, "padding", "\"");
        int head = prefix.indexOf("\"padding\":\"") + "\"padding\":\"".length();
        int fill = Math.max(1, length - valid.length() - "\"padding\":\"\",".length());
        return prefix.substring(0, head) + "p".repeat(fill) + "\"" + prefix.substring(head + 1);
    }

    /** Paths of every member of {@code node} and of the first element of every array, as {@code a.b[0]}. */
    private static void fieldPaths(JsonNode node, String prefix, List<String> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
                out.add(path);
                fieldPaths(e.getValue(), path, out);
            });
        } else if (node.isArray() && !node.isEmpty()) {
            String path = prefix + "[0]";
            out.add(path);
            fieldPaths(node.get(0), path, out);
        }
    }

    private static void replace(ObjectNode root, String path, JsonNode value) {
        JsonNode parent = root;
        String[] steps = path.split("\\.");
        for (int i = 0; i < steps.length; i++) {
            String step = steps[i];
            boolean last = i == steps.length - 1;
            String name = step.contains("[") ? step.substring(0, step.indexOf('[')) : step;
            if (!step.contains("[")) {
                if (last) {
                    ((ObjectNode) parent).set(name, value);
                    return;
                }
                parent = parent.get(name);
                continue;
            }
            ArrayNode array = (ArrayNode) (name.isEmpty() ? parent : parent.get(name));
            if (last) {
                array.set(0, value);
                return;
            }
            parent = array.get(0);
        }
    }

    private static Map<String, String> copy(Map<String, String> map) {
        return map == null ? null : new LinkedHashMap<>(map);
    }
}
