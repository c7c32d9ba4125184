package dev.noshowping.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.config.Environment;
import dev.noshowping.json.Json;
import dev.noshowping.log.JsonLog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Posts to the operations channel through a Discord incoming webhook.
 *
 * <p>Mentions are never parsed (user text must not ping anyone) and the content is cut to Discord's
 * 2,000 characters. A 429 is waited out here when Discord asks for a short pause, else handed back
 * for redelivery. A 404 means the webhook was deleted: this client then stops posting, loudly, until
 * the function starts with a new URL. Facts and sources: docs/notifications.md.
 */
public final class DiscordClient {

    static final int MAX_CONTENT = 2000;
    /** The longest pause waited out inside one invocation; longer ones go back to the queue. */
    static final Duration MAX_INLINE_WAIT = Duration.ofSeconds(2);
    private static final int MAX_ATTEMPTS = 3;

    private final URI webhook;
    private final Duration timeout;
    private final HttpClient http;
    private volatile boolean gone;

    public DiscordClient(String webhookUrl, Duration timeout) {
        this.webhook = URI.create(webhookUrl);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** {@code DISCORD_WEBHOOK_URL}, or the Secrets Manager secret {@code DISCORD_WEBHOOK_SECRET_ARN} holding it. */
    public static DiscordClient from(Environment env, Function<String, String> secrets) {
        String url = env.optional("DISCORD_WEBHOOK_URL")
                .orElseGet(() -> secrets.apply(env.require("DISCORD_WEBHOOK_SECRET_ARN")).strip());
        return new DiscordClient(url, Duration.ofMillis(env.getInt("DISCORD_TIMEOUT_MILLIS", 5000)));
    }

    /** Whether a 404 turned this client off. */
    public boolean disabled() {
        return gone;
    }

    public SendOutcome post(String content) {
        if (gone) {
            return new SendOutcome.Skipped("Discord webhook disabled after a 404 (Unknown Webhook)");
        }
        String body = Json.write(Map.of("content", cut(content), "allowed_mentions", Map.of("parse", new String[0])));
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(HttpRequest.newBuilder(webhook).timeout(timeout)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                return new SendOutcome.Retry("Discord unreachable: " + e, null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new SendOutcome.Retry("interrupted", null);
            }
            int status = response.statusCode();
            if (status == 200 || status == 204) {
                return new SendOutcome.Sent(messageId(response.body()).orElse(null));
            }
            if (status == 429) {
                Duration wait = retryAfter(response);
                if (attempt >= MAX_ATTEMPTS || wait.compareTo(MAX_INLINE_WAIT) > 0) {
                    return new SendOutcome.Retry("Discord 429, retry after " + wait.toMillis() + " ms", wait);
                }
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new SendOutcome.Retry("interrupted", wait);
                }
                continue;
            }
            if (status == 404) {
                gone = true;
                JsonLog.error("Discord webhook is gone (404 Unknown Webhook): Discord posts are disabled until "
                        + "the function restarts with a new DISCORD_WEBHOOK_URL / DISCORD_WEBHOOK_SECRET_ARN",
                        Map.of("response", response.body()), null);
                return new SendOutcome.Rejected("Discord 404 " + response.body());
            }
            if (status >= 500) {
                return new SendOutcome.Retry("Discord " + status, null);
            }
            return new SendOutcome.Rejected("Discord " + status + " " + response.body());
        }
    }

    /** At most 2,000 UTF-16 units, never splitting a surrogate pair. */
    static String cut(String content) {
        String c = content == null || content.isBlank() ? "(empty)" : content;
        if (c.length() <= MAX_CONTENT) {
            return c;
        }
        int end = MAX_CONTENT - 1;
        if (Character.isHighSurrogate(c.charAt(end - 1))) {
            end--;
        }
        return c.substring(0, end) + "…";
    }

    /** The body's {@code retry_after} (float seconds, finer than the header), else {@code Retry-After}, else 1 s. */
    private static Duration retryAfter(HttpResponse<String> response) {
        try {
            JsonNode json = Json.MAPPER.readTree(response.body());
            if (json != null && json.path("retry_after").isNumber()) {
                return Duration.ofMillis(Math.max(0, (long) Math.ceil(json.path("retry_after").asDouble() * 1000)));
            }
        } catch (IOException ignored) {
            // fall back to the header
        }
        return response.headers().firstValue("Retry-After")
                .map(s -> {
                    try {
                        return Duration.ofSeconds(Long.parseLong(s.strip()));
                    } catch (NumberFormatException e) {
                        return Duration.ofSeconds(1);
                    }
                }).orElse(Duration.ofSeconds(1));
    }

    private static Optional<String> messageId(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(Json.MAPPER.readTree(body).path("id").asText(null));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
