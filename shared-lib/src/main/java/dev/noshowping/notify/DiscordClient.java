package dev.noshowping.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.config.Environment;
import dev.noshowping.json.Json;
import dev.noshowping.log.JsonLog;
import dev.noshowping.net.HttpCall;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
    private final HttpCall http;
    private volatile boolean gone;

    public DiscordClient(String webhookUrl, Duration timeout) {
        this.webhook = URI.create(webhookUrl);
        this.http = new HttpCall(Duration.ofSeconds(3), timeout);
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
            HttpCall.Answer response;
            try {
                response = http.send("POST", webhook, Map.of("Content-Type", "application/json"),
                        body.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                return new SendOutcome.Retry("Discord unreachable: " + e, null);
            }
            int status = response.status();
            if (status == 200 || status == 204) {
                return new SendOutcome.Sent(messageId(response.text()).orElse(null));
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
                        Map.of("response", response.text()), null);
                return new SendOutcome.Rejected("Discord 404 " + response.text());
            }
            if (status >= 500) {
                return new SendOutcome.Retry("Discord " + status, null);
            }
            return new SendOutcome.Rejected("Discord " + status + " " + response.text());
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
    private static Duration retryAfter(HttpCall.Answer response) {
        try {
            JsonNode json = Json.MAPPER.readTree(response.text());
            if (json != null && json.path("retry_after").isNumber()) {
                return Duration.ofMillis(Math.max(0, (long) Math.ceil(json.path("retry_after").asDouble() * 1000)));
            }
        } catch (IOException ignored) {
            // fall back to the header
        }
        return response.header("Retry-After")
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
