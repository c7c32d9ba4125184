package dev.noshowping.testkit.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.noshowping.emulator.EmulatorServer;
import dev.noshowping.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SOLAPI's {@code POST /messages/v4/send-many/detail} (KakaoTalk alimtalk, type {@code ATA}) on a real socket,
 * for tests and the local stack. See {@code docs/notifications.md} for the facts it follows, their sources, and
 * what it chose where SOLAPI's documents are silent.
 *
 * <p>Authentication is checked as SOLAPI documents it: {@code Authorization: HMAC-SHA256 apiKey=<key>,
 * date=<ISO-8601>, salt=<12..64 chars>, signature=<hex HMAC(apiSecret, date + salt)>}; a date more than 15
 * minutes from the emulator clock, or a signature already used, is refused. Refusals are 401 with SOLAPI's
 * error body {@code {"errorCode": ..., "errorMessage": ...}}.
 *
 * <p>A request that passes authentication and body validation is answered 200 even when some (or all) of its
 * messages fail: those are in {@code failedMessageList} with a {@code statusCode}, the others in
 * {@code messageList} with {@code statusCode "2000"}, and only the latter are kept in {@link #messages()}.
 *
 * <p>Thread-safe: state is in concurrent collections; signature replay is checked with an atomic put.
 */
public final class SolapiEmulator extends EmulatorServer {

    public static final String API_KEY = "NCSNOSHOWPINGLOCAL";
    public static final String API_SECRET = "NOSHOWPINGLOCALSOLAPISECRET0123456789ABCD";
    /** The account id put in answers. */
    public static final String ACCOUNT_ID = "26112500000001";

    public static final String SEND_PATH = "/messages/v4/send-many/detail";

    /** statusCode of an accepted message (SOLAPI: "정상 접수"). */
    public static final String STATUS_ACCEPTED = "2000";
    /** statusCode of a message whose {@code to} is not a Korean mobile number (chosen; see the doc). */
    public static final String STATUS_INVALID_TO = "1062";
    /** statusCode of a message naming a template that was not registered (chosen; see the doc). */
    public static final String STATUS_UNKNOWN_TEMPLATE = "3040";
    /** statusCode of the message failed by {@link Fault#PARTIAL_FAILURE} (chosen; see the doc). */
    public static final String STATUS_INJECTED_FAILURE = "3059";

    public enum Fault {
        /** Authenticated (the signature is spent), then 500 {@code InternalError}; nothing accepted. */
        SERVER_ERROR,
        /** Authenticated (the signature is spent), then held 30 s (or until reset/close), then 500; nothing accepted. */
        TIMEOUT,
        /** 200, but the last message of the request is in failedMessageList with {@link #STATUS_INJECTED_FAILURE}. */
        PARTIAL_FAILURE
    }

    static final Duration SKEW = Duration.ofMinutes(15);
    static final Duration TIMEOUT_HOLD = Duration.ofSeconds(30);
    static final Pattern AUTH = Pattern.compile(
            "^\\s*(HMAC-SHA256|HMAC-MD5)\\s+apiKey=([^,\\s]+)\\s*,\\s*date=([^,\\s]+)\\s*,\\s*salt=([^,\\s]+)\\s*,"
                    + "\\s*signature=([0-9A-Fa-f]+)\\s*$");
    /** 010, 011, 016, 017, 018, 019 + 7 or 8 digits; hyphens are removed first. */
    static final Pattern KOREAN_MOBILE = Pattern.compile("^01[016789][0-9]{7,8}$");
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final SecureRandom random = new SecureRandom();

    private final List<ReceivedMessage> accepted = new CopyOnWriteArrayList<>();
    /** signature (lower-case hex) → the date it was signed for; purged once that date is out of the window. */
    private final Map<String, Instant> usedSignatures = new ConcurrentHashMap<>();
    private final Set<String> templates = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedDeque<Fault> faults = new ConcurrentLinkedDeque<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong clockOffsetNanos = new AtomicLong();
    private volatile CountDownLatch holdRelease = new CountDownLatch(1);

    private SolapiEmulator(int port) {
        super(port, "the SOLAPI emulator");
    }

    /**
     * Starts on {@code port} (0 = any free port), bound to the loopback interface; send to
     * {@code baseUrl() + SEND_PATH}; helpers under {@code /_local/solapi}.
     */
    public static SolapiEmulator start(int port) {
        SolapiEmulator solapi = new SolapiEmulator(port);
        solapi.serve();
        return solapi;
    }

    // ------------------------------------------------------------------ driving the emulator

    /**
     * Registers an approved alimtalk template. Once at least one is registered, a message naming any other
     * templateId fails ({@link #STATUS_UNKNOWN_TEMPLATE}); with none registered every templateId is accepted.
     */
    public void registerTemplate(String templateId) {
        templates.add(templateId);
    }

    /** The next {@code times} send requests that pass authentication suffer {@code fault}. */
    public void inject(Fault fault, int times) {
        for (int i = 0; i < times; i++) {
            faults.addLast(fault);
        }
    }

    /** The messages accepted so far (never the failed ones), in order. */
    public List<ReceivedMessage> messages() {
        return List.copyOf(accepted);
    }

    /** Send requests received, whatever their answer (refused, faulted and accepted). */
    public int requests() {
        return requests.get();
    }

    /** Moves the emulator clock forward (the ±15 minute date window is checked against it). */
    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward");
        }
        clockOffsetNanos.addAndGet(d.toNanos());
    }

    /** The emulator's current time (the real clock plus every {@link #advance}). */
    public Instant now() {
        return Instant.now().plusNanos(clockOffsetNanos.get());
    }

    /** Forgets messages, spent signatures, templates, faults, counters and the clock offset; releases held requests. */
    public void reset() {
        accepted.clear();
        usedSignatures.clear();
        templates.clear();
        faults.clear();
        requests.set(0);
        clockOffsetNanos.set(0);
        CountDownLatch held = holdRelease;
        holdRelease = new CountDownLatch(1);
        held.countDown();
    }

    @Override
    public void close() {
        holdRelease.countDown();
        super.close();
    }

    /**
     * The {@code Authorization} value SOLAPI expects for {@code date} and {@code salt}:
     * {@code HMAC-SHA256 apiKey=..., date=..., salt=..., signature=hex(HMAC-SHA256(apiSecret, date + salt))}.
     */
    public static String authorization(String apiKey, String apiSecret, String date, String salt) {
        return "HMAC-SHA256 apiKey=" + apiKey + ", date=" + date + ", salt=" + salt + ", signature="
                + signature("HmacSHA256", apiSecret, date + salt);
    }

    static String signature(String algorithm, String secret, String data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ HTTP

    private record Answer(int status, byte[] body) {
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            Answer answer;
            if (SEND_PATH.equals(path)) {
                if (!"POST".equals(method)) {
                    answer = error(404, "NotFound", "Cannot " + method + " " + path);
                } else {
                    requests.incrementAndGet();
                    try {
                        answer = send(exchange.getRequestHeaders().getFirst("Authorization"), body);
                    } catch (RuntimeException e) {
                        answer = error(500, "InternalError", "emulator failure: " + e);
                    }
                }
            } else if (path.startsWith("/_local/solapi/")) {
                answer = local(method, path.substring("/_local/solapi/".length()), body);
            } else {
                answer = error(404, "NotFound", "Cannot " + method + " " + path);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                exchange.getResponseBody().write(answer.body());
            }
        }
    }

    private Answer send(String authorization, byte[] body) {
        Answer refused = authenticate(authorization);
        if (refused != null) {
            return refused;
        }
        Fault fault = faults.pollFirst();
        if (fault == Fault.SERVER_ERROR) {
            return error(500, "InternalError", "Internal server error (injected)");
        }
        if (fault == Fault.TIMEOUT) {
            try {
                holdRelease.await(TIMEOUT_HOLD.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return error(500, "InternalError", "Request timed out (injected)");
        }
        JsonNode in;
        try {
            in = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return error(400, "ValidationError", "Request body must be JSON");
        }
        JsonNode list = in == null ? null : in.get("messages");
        if (list == null || !list.isArray() || list.isEmpty()) {
            return error(400, "ValidationError", "\"messages\" must be a non-empty array");
        }
        for (int i = 0; i < list.size(); i++) {
            String invalid = invalid(list.get(i), i);
            if (invalid != null) {
                return error(400, "ValidationError", invalid);
            }
        }
        Instant now = now();
        String groupId = id("G4V", now);
        List<Map<String, Object>> ok = new ArrayList<>();
        List<Map<String, Object>> failed = new ArrayList<>();
        List<ReceivedMessage> keep = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode m = list.get(i);
            String messageId = id("M4V", now);
            String to = text(m, "to");
            String type = text(m, "type");
            JsonNode kakao = m.get("kakaoOptions");
            String templateId = text(kakao, "templateId");
            String status;
            String statusMessage;
            if (!KOREAN_MOBILE.matcher(to.replace("-", "")).matches()) {
                status = STATUS_INVALID_TO;
                statusMessage = "유효하지 않은 수신번호 (a Korean mobile number 01X-XXXX-XXXX is required)";
            } else if ("ATA".equals(type) && !templates.isEmpty() && !templates.contains(templateId)) {
                status = STATUS_UNKNOWN_TEMPLATE;
                statusMessage = "알림톡 템플릿을 찾을 수 없음 (templateId " + templateId + " is not registered)";
            } else if (fault == Fault.PARTIAL_FAILURE && i == list.size() - 1) {
                status = STATUS_INJECTED_FAILURE;
                statusMessage = "injected failure (PARTIAL_FAILURE)";
            } else {
                status = STATUS_ACCEPTED;
                statusMessage = "정상 접수(이통사로 접수 예정) ";
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("to", to);
            result.put("from", text(m, "from"));
            result.put("type", type);
            result.put("country", "82");
            result.put("messageId", messageId);
            result.put("statusCode", status);
            result.put("statusMessage", statusMessage);
            result.put("accountId", ACCOUNT_ID);
            if (STATUS_ACCEPTED.equals(status)) {
                ok.add(result);
                keep.add(received(m, messageId, groupId));
            } else {
                failed.add(result);
            }
        }
        accepted.addAll(keep);
        Map<String, Object> count = new LinkedHashMap<>();
        count.put("total", list.size());
        count.put("sentTotal", 0);
        count.put("sentFailed", 0);
        count.put("sentSuccess", 0);
        count.put("sentPending", 0);
        count.put("sentReplacement", 0);
        count.put("refund", 0);
        count.put("registeredFailed", failed.size());
        count.put("registeredSuccess", ok.size());
        Map<String, Object> groupInfo = new LinkedHashMap<>();
        groupInfo.put("_id", groupId);
        groupInfo.put("groupId", groupId);
        groupInfo.put("accountId", ACCOUNT_ID);
        groupInfo.put("status", ok.isEmpty() ? "FAILED" : "SENDING");
        groupInfo.put("count", count);
        groupInfo.put("dateCreated", now.toString());
        groupInfo.put("dateUpdated", now.toString());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("groupInfo", groupInfo);
        out.put("failedMessageList", failed);
        out.put("messageList", ok);
        return new Answer(200, bytes(out));
    }

    /** Null when the header is right; else SOLAPI's 401. The signature is spent by a successful check. */
    private Answer authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return error(401, "InvalidAuthorizationHeader", "Authorization header is required");
        }
        Matcher m = AUTH.matcher(authorization);
        if (!m.matches()) {
            return error(401, "InvalidAuthorizationHeader",
                    "Authorization must be '<HMAC-SHA256|HMAC-MD5> apiKey=<key>, date=<ISO 8601>, salt=<salt>, "
                            + "signature=<hex>'");
        }
        String algorithm = "HMAC-MD5".equals(m.group(1)) ? "HmacMD5" : "HmacSHA256";
        String apiKey = m.group(2);
        String date = m.group(3);
        String salt = m.group(4);
        String signature = m.group(5).toLowerCase(Locale.ROOT);
        if (!API_KEY.equals(apiKey)) {
            return error(401, "InvalidAPIKey", "Unregistered API Key: " + apiKey);
        }
        int saltBytes = salt.getBytes(StandardCharsets.UTF_8).length;
        if (saltBytes < 12 || saltBytes > 64) {
            return error(401, "InvalidAuthorizationHeader", "salt must be 12 to 64 bytes long");
        }
        Instant signedAt;
        try {
            signedAt = OffsetDateTime.parse(date, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return error(401, "InvalidDateFormat", "date must be ISO 8601 with an offset, e.g. 2019-07-01T00:41:48Z");
        }
        if (!MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII),
                signature(algorithm, API_SECRET, date + salt).getBytes(StandardCharsets.US_ASCII))) {
            return error(401, "SignatureDoesNotMatch", "Signature does not match");
        }
        Instant now = now();
        if (Duration.between(signedAt, now).abs().compareTo(SKEW) > 0) {
            return error(401, "RequestTimeTooSkewed",
                    "The difference between the request time (" + date + ") and the server time (" + now
                            + ") is larger than 15 minutes");
        }
        usedSignatures.values().removeIf(at -> Duration.between(at, now).compareTo(SKEW.multipliedBy(2)) > 0);
        if (usedSignatures.putIfAbsent(signature, signedAt) != null) {
            return error(401, "DuplicatedSignature", "This signature was already used; sign every request with a new salt");
        }
        return null;
    }

    /** Why message {@code i} makes the whole request invalid (400), or null. */
    private static String invalid(JsonNode m, int i) {
        if (m == null || !m.isObject()) {
            return "messages[" + i + "] must be an object";
        }
        if (text(m, "to") == null || text(m, "to").isBlank()) {
            return "messages[" + i + "].to is required";
        }
        String type = text(m, "type");
        JsonNode kakao = m.get("kakaoOptions");
        if ("ATA".equals(type)) {
            if (kakao == null || !kakao.isObject()) {
                return "messages[" + i + "].kakaoOptions is required for type ATA";
            }
            if (text(kakao, "pfId") == null || text(kakao, "pfId").isBlank()) {
                return "messages[" + i + "].kakaoOptions.pfId is required for type ATA";
            }
            if (text(kakao, "templateId") == null || text(kakao, "templateId").isBlank()) {
                return "messages[" + i + "].kakaoOptions.templateId is required for type ATA";
            }
        } else if (text(m, "text") == null) {
            return "messages[" + i + "].text is required for type " + (type == null ? "(auto)" : type);
        }
        JsonNode variables = kakao == null ? null : kakao.get("variables");
        if (variables != null && !variables.isNull()) {
            if (!variables.isObject()) {
                return "messages[" + i + "].kakaoOptions.variables must be an object";
            }
            for (var it = variables.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!e.getValue().isTextual() && !e.getValue().isNumber()) {
                    return "messages[" + i + "].kakaoOptions.variables." + e.getKey() + " must be a string";
                }
            }
        }
        JsonNode buttons = kakao == null ? null : kakao.get("buttons");
        if (buttons != null && !buttons.isNull()) {
            if (!buttons.isArray()) {
                return "messages[" + i + "].kakaoOptions.buttons must be an array";
            }
            for (int b = 0; b < buttons.size(); b++) {
                JsonNode button = buttons.get(b);
                if (text(button, "buttonType") == null || text(button, "buttonName") == null) {
                    return "messages[" + i + "].kakaoOptions.buttons[" + b + "] needs buttonType and buttonName";
                }
                if ("WL".equals(text(button, "buttonType")) && text(button, "linkMo") == null) {
                    return "messages[" + i + "].kakaoOptions.buttons[" + b + "] of type WL needs linkMo";
                }
                if ("AL".equals(text(button, "buttonType")) && (text(button, "linkAnd") == null
                        || text(button, "linkIos") == null)) {
                    return "messages[" + i + "].kakaoOptions.buttons[" + b + "] of type AL needs linkAnd and linkIos";
                }
            }
        }
        return null;
    }

    private static ReceivedMessage received(JsonNode m, String messageId, String groupId) {
        JsonNode kakao = m.get("kakaoOptions");
        Map<String, String> variables = new LinkedHashMap<>();
        JsonNode vars = kakao == null ? null : kakao.get("variables");
        if (vars != null && vars.isObject()) {
            vars.fields().forEachRemaining(e -> variables.put(e.getKey(), e.getValue().asText()));
        }
        List<ReceivedMessage.Button> buttons = new ArrayList<>();
        JsonNode bs = kakao == null ? null : kakao.get("buttons");
        if (bs != null && bs.isArray()) {
            for (JsonNode b : bs) {
                buttons.add(new ReceivedMessage.Button(text(b, "buttonType"), text(b, "buttonName"), text(b, "linkMo"),
                        text(b, "linkPc"), text(b, "linkAnd"), text(b, "linkIos")));
            }
        }
        return new ReceivedMessage(messageId, groupId, text(m, "to"), text(m, "from"), text(m, "type"),
                text(kakao, "pfId"), text(kakao, "templateId"), variables, buttons, text(m, "text"));
    }

    // ------------------------------------------------------------------ /_local/solapi helpers

    private Answer local(String method, String route, byte[] body) {
        return switch (method + " " + route) {
            case "GET messages" -> new Answer(200, bytes(messages()));
            case "GET requests" -> new Answer(200, bytes(Map.of("requests", requests())));
            case "POST reset" -> {
                reset();
                yield new Answer(200, bytes(Map.of()));
            }
            case "POST faults" -> {
                try {
                    JsonNode in = Json.MAPPER.readTree(body);
                    Fault fault = Fault.valueOf(text(in, "fault"));
                    JsonNode times = in.get("times");
                    inject(fault, times == null ? 1 : times.asInt(1));
                    yield new Answer(200, bytes(Map.of("queued", faults.size())));
                } catch (IOException | RuntimeException e) {
                    yield error(400, "ValidationError", "body must be {\"fault\": SERVER_ERROR|TIMEOUT|PARTIAL_FAILURE, "
                            + "\"times\": n}");
                }
            }
            default -> error(404, "NotFound", "no such helper: " + method + " /_local/solapi/" + route);
        };
    }

    // ------------------------------------------------------------------ helpers

    private static Answer error(int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errorCode", code);
        body.put("errorMessage", message);
        return new Answer(status, bytes(body));
    }

    private String id(String prefix, Instant now) {
        StringBuilder sb = new StringBuilder(prefix).append(ID_TIME.format(now.atOffset(ZoneOffset.ofHours(9))));
        for (int i = 0; i < 15; i++) {
            sb.append(UPPER_ALNUM.charAt(random.nextInt(UPPER_ALNUM.length())));
        }
        return sb.toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static byte[] bytes(Object value) {
        try {
            return Json.MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
