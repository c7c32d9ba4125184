package dev.noshowping.testkit.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.noshowping.emulator.EmulatorServer;
import dev.noshowping.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Discord incoming webhook ({@code POST /api/webhooks/{id}/{token}}, optionally {@code /api/v10/...}) on a
 * real socket, for tests and the local stack. See {@code docs/notifications.md} for the facts it follows.
 *
 * <p>{@code content} must be 1..2000 characters (else 400 with Discord's error JSON). Without {@code ?wait=true}
 * the answer is 204 with no body; with it, 200 and the created message object. {@link #delete()} makes the
 * webhook answer 404 {@code {"message": "Unknown Webhook", "code": 10015}}; {@link Fault#RATE_LIMITED} answers
 * 429 with {@code retry_after} 0.05 (seconds) in the body and a {@code Retry-After} header.
 *
 * <p>Thread-safe: state is in concurrent collections and volatile fields.
 */
public final class DiscordEmulator extends EmulatorServer {

    public static final String WEBHOOK_ID = "1311000000000000001";
    public static final String WEBHOOK_TOKEN = "noshowping-local-webhook-token_0123456789";
    public static final String CHANNEL_ID = "1311000000000000002";
    public static final int MAX_CONTENT = 2000;
    /** What a 429 asks the caller to wait, in seconds (JSON {@code retry_after}). */
    public static final double RETRY_AFTER_SECONDS = 0.05;

    public enum Fault {
        /** 429 {"message": "You are being rate limited.", "retry_after": 0.05, "global": false} + Retry-After. */
        RATE_LIMITED,
        /** 500 with no JSON error code (Discord's 5xx are not documented as JSON); nothing posted. */
        SERVER_ERROR
    }

    static final Pattern ROUTE = Pattern.compile("^/api(?:/v\\d+)?/webhooks/([^/]+)/([^/]+)/?$");

    private final List<DiscordMessage> posted = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<Fault> faults = new ConcurrentLinkedDeque<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong nextId = new AtomicLong(1311000000000001000L);
    private volatile boolean deleted;

    private DiscordEmulator(int port) {
        super(port, "the Discord emulator");
    }

    /** Starts on {@code port} (0 = any free port), bound to the loopback interface. */
    public static DiscordEmulator start(int port) {
        DiscordEmulator discord = new DiscordEmulator(port);
        discord.serve();
        return discord;
    }

    /** The full execute URL, as Discord shows it: {@code <base>/api/webhooks/<id>/<token>}. */
    public String webhookUrl() {
        return baseUrl() + "/api/webhooks/" + WEBHOOK_ID + "/" + WEBHOOK_TOKEN;
    }

    /** The next {@code times} execute requests suffer {@code fault} (before any validation). */
    public void inject(Fault fault, int times) {
        for (int i = 0; i < times; i++) {
            faults.addLast(fault);
        }
    }

    /** Deletes the webhook: from now on it answers 404 Unknown Webhook (code 10015), until {@link #reset()}. */
    public void delete() {
        deleted = true;
    }

    /** The contents of the messages posted so far, in order. */
    public List<String> contents() {
        return posted.stream().map(DiscordMessage::content).toList();
    }

    /** The messages posted so far, with their allowed_mentions. */
    public List<DiscordMessage> messages() {
        return List.copyOf(posted);
    }

    /** Execute requests received, whatever their answer. */
    public int requests() {
        return requests.get();
    }

    /** Forgets messages, faults and counters; un-deletes the webhook. */
    public void reset() {
        posted.clear();
        faults.clear();
        requests.set(0);
        deleted = false;
    }

    // ------------------------------------------------------------------ HTTP

    private record Answer(int status, byte[] body, Map<String, String> headers) {
        Answer(int status, byte[] body) {
            this(status, body, Map.of());
        }
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            Matcher route = ROUTE.matcher(path);
            Answer answer;
            if (route.matches()) {
                if (!"POST".equals(method)) {
                    answer = error(405, "405: Method Not Allowed", 0);
                } else {
                    requests.incrementAndGet();
                    try {
                        answer = execute(route.group(1), route.group(2), wait(query), body);
                    } catch (RuntimeException e) {
                        answer = new Answer(500, bytes(Map.of("message", "500: Internal Server Error", "code", 0)));
                    }
                }
            } else if ("GET".equals(method) && "/_local/discord/messages".equals(path)) {
                answer = new Answer(200, bytes(messages()));
            } else if ("POST".equals(method) && "/_local/discord/reset".equals(path)) {
                reset();
                answer = new Answer(200, bytes(Map.of()));
            } else if ("POST".equals(method) && "/_local/discord/delete".equals(path)) {
                delete();
                answer = new Answer(200, bytes(Map.of()));
            } else {
                answer = error(404, "404: Not Found", 0);
            }
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            if (answer.body().length > 0) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
            }
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                exchange.getResponseBody().write(answer.body());
            }
        }
    }

    private static boolean wait(String query) {
        if (query == null) {
            return false;
        }
        for (String pair : query.split("&")) {
            if (pair.equalsIgnoreCase("wait=true") || pair.equalsIgnoreCase("wait=1")) {
                return true;
            }
        }
        return false;
    }

    private Answer execute(String id, String token, boolean wait, byte[] body) {
        if (deleted || !WEBHOOK_ID.equals(id)) {
            return error(404, "Unknown Webhook", 10015);
        }
        if (!WEBHOOK_TOKEN.equals(token)) {
            return error(401, "Invalid Webhook Token", 50027);
        }
        Fault fault = faults.pollFirst();
        if (fault == Fault.RATE_LIMITED) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("message", "You are being rate limited.");
            out.put("retry_after", RETRY_AFTER_SECONDS);
            out.put("global", false);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Retry-After", "1"); // whole seconds, rounded up; retry_after in the body is the precise one
            headers.put("X-RateLimit-Limit", "5");
            headers.put("X-RateLimit-Remaining", "0");
            headers.put("X-RateLimit-Reset-After", String.valueOf(RETRY_AFTER_SECONDS));
            headers.put("X-RateLimit-Bucket", "noshowping-local-webhook-bucket");
            headers.put("X-RateLimit-Scope", "shared");
            return new Answer(429, bytes(out), headers);
        }
        if (fault == Fault.SERVER_ERROR) {
            return new Answer(500, bytes(Map.of("message", "500: Internal Server Error", "code", 0)));
        }
        JsonNode in;
        try {
            in = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return error(400, "The request body contains invalid JSON.", 50109);
        }
        if (in == null || !in.isObject()) {
            return error(400, "Cannot send an empty message", 50006);
        }
        JsonNode contentNode = in.get("content");
        String content = contentNode != null && contentNode.isTextual() ? contentNode.asText() : null;
        if (content == null || content.isEmpty()) {
            return error(400, "Cannot send an empty message", 50006);
        }
        if (content.codePointCount(0, content.length()) > MAX_CONTENT) {
            return invalidFormBody("content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length.");
        }
        JsonNode mentions = in.get("allowed_mentions");
        List<String> parse = null;
        String mentionsJson = null;
        if (mentions != null && !mentions.isNull()) {
            if (!mentions.isObject()) {
                return invalidFormBody("allowed_mentions", "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType");
            }
            mentionsJson = mentions.toString();
            JsonNode p = mentions.get("parse");
            if (p != null && p.isArray()) {
                parse = new ArrayList<>();
                for (JsonNode t : p) {
                    String type = t.asText();
                    if (!List.of("roles", "users", "everyone").contains(type)) {
                        return invalidFormBody("allowed_mentions.parse", "ENUM_TYPE_COERCE",
                                "Value \"" + type + "\" is not a valid enum value.");
                    }
                    parse.add(type);
                }
            }
        }
        JsonNode usernameNode = in.get("username");
        String username = usernameNode != null && usernameNode.isTextual() ? usernameNode.asText() : null;
        String messageId = Long.toString(nextId.incrementAndGet());
        posted.add(new DiscordMessage(messageId, content, username, parse, mentionsJson));
        if (!wait) {
            return new Answer(204, new byte[0]);
        }
        Map<String, Object> author = new LinkedHashMap<>();
        author.put("id", WEBHOOK_ID);
        author.put("username", username == null ? "Noshowping" : username);
        author.put("avatar", null);
        author.put("discriminator", "0000");
        author.put("bot", true);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", messageId);
        message.put("type", 0);
        message.put("content", content);
        message.put("channel_id", CHANNEL_ID);
        message.put("author", author);
        message.put("attachments", List.of());
        message.put("embeds", List.of());
        message.put("mentions", List.of());
        message.put("mention_roles", List.of());
        message.put("mention_everyone", false);
        message.put("pinned", false);
        message.put("tts", false);
        message.put("timestamp", Instant.now().toString());
        message.put("edited_timestamp", null);
        message.put("flags", 0);
        message.put("components", List.of());
        message.put("webhook_id", WEBHOOK_ID);
        return new Answer(200, bytes(message));
    }

    // ------------------------------------------------------------------ helpers

    private static Answer error(int status, String message, int code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("code", code);
        return new Answer(status, bytes(body));
    }

    /** Discord's 400 for a field that fails validation: code 50035 with the field's errors nested by path. */
    private static Answer invalidFormBody(String fieldPath, String code, String message) {
        Object errors = Map.of("_errors", List.of(Map.of("code", code, "message", message)));
        String[] parts = fieldPath.split("\\.");
        for (int i = parts.length - 1; i >= 0; i--) {
            errors = Map.of(parts[i], errors);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", "Invalid Form Body");
        body.put("code", 50035);
        body.put("errors", errors);
        return new Answer(400, bytes(body));
    }

    private static byte[] bytes(Object value) {
        try {
            return Json.MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
