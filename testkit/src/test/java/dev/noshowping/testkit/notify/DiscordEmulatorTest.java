package dev.noshowping.testkit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noshowping.testkit.notify.DiscordEmulator.Fault;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Discord webhook emulator over real HTTP. */
class DiscordEmulatorTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static DiscordEmulator discord;
    static HttpClient http;

    @BeforeAll
    static void start() {
        discord = DiscordEmulator.start(0);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    @AfterAll
    static void stop() {
        discord.close();
        http.close();
    }

    @BeforeEach
    void clean() {
        discord.reset();
    }

    static HttpResponse<String> post(String url, Object body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static Map<String, Object> message(String content) {
        return Map.of("content", content, "allowed_mentions", Map.of("parse", List.of()));
    }

    @Test
    void withoutWaitTheAnswerIs204AndTheMessageIsRecorded() throws Exception {
        HttpResponse<String> response = post(discord.webhookUrl(), message("신규 판매 등록 @everyone"));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(discord.contents()).containsExactly("신규 판매 등록 @everyone");
        assertThat(discord.messages()).singleElement().satisfies(m -> {
            assertThat(m.allowedMentionsParse()).isEmpty();
            assertThat(m.mentionsSuppressed()).isTrue();
        });
        assertThat(discord.requests()).isEqualTo(1);
    }

    @Test
    void withWaitTheAnswerIsTheMessageObject() throws Exception {
        HttpResponse<String> response = post(discord.webhookUrl() + "?wait=true", message("hello"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode out = JSON.readTree(response.body());
        assertThat(out.path("content").asText()).isEqualTo("hello");
        assertThat(out.path("id").asText()).isNotBlank();
        assertThat(out.path("webhook_id").asText()).isEqualTo(DiscordEmulator.WEBHOOK_ID);
        assertThat(out.path("channel_id").asText()).isEqualTo(DiscordEmulator.CHANNEL_ID);

        HttpResponse<String> local = http.send(HttpRequest.newBuilder(
                URI.create(discord.baseUrl() + "/_local/discord/messages")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(local.body()).at("/0/content").asText()).isEqualTo("hello");
    }

    @Test
    void theVersionedRouteIsAcceptedToo() throws Exception {
        String url = discord.baseUrl() + "/api/v10/webhooks/" + DiscordEmulator.WEBHOOK_ID + "/"
                + DiscordEmulator.WEBHOOK_TOKEN;
        assertThat(post(url, message("v10")).statusCode()).isEqualTo(204);
    }

    @Test
    void contentOf2000IsAcceptedAnd2001IsA400() throws Exception {
        assertThat(post(discord.webhookUrl(), message("가".repeat(2000))).statusCode()).isEqualTo(204);

        HttpResponse<String> tooLong = post(discord.webhookUrl(), message("a".repeat(2001)));

        assertThat(tooLong.statusCode()).isEqualTo(400);
        JsonNode out = JSON.readTree(tooLong.body());
        assertThat(out.path("code").asInt()).isEqualTo(50035);
        assertThat(out.path("message").asText()).isEqualTo("Invalid Form Body");
        assertThat(out.at("/errors/content/_errors/0/code").asText()).isEqualTo("BASE_TYPE_MAX_LENGTH");
        assertThat(discord.contents()).hasSize(1);
    }

    @Test
    void emptyContentIsA400() throws Exception {
        HttpResponse<String> response = post(discord.webhookUrl(), message(""));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("code").asInt()).isEqualTo(50006);
        assertThat(discord.contents()).isEmpty();
    }

    @Test
    void rateLimitedIs429WithRetryAfterThenTheRetrySucceeds() throws Exception {
        discord.inject(Fault.RATE_LIMITED, 1);

        HttpResponse<String> limited = post(discord.webhookUrl(), message("first try"));

        assertThat(limited.statusCode()).isEqualTo(429);
        JsonNode out = JSON.readTree(limited.body());
        assertThat(out.path("retry_after").isNumber()).isTrue();
        assertThat(out.path("retry_after").asDouble()).isEqualTo(0.05);
        assertThat(out.path("global").asBoolean()).isFalse();
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(discord.contents()).isEmpty();

        assertThat(post(discord.webhookUrl(), message("second try")).statusCode()).isEqualTo(204);
        assertThat(discord.contents()).containsExactly("second try");
        assertThat(discord.requests()).isEqualTo(2);
    }

    @Test
    void afterDeleteTheWebhookIsUnknown() throws Exception {
        discord.delete();

        HttpResponse<String> response = post(discord.webhookUrl(), message("anyone there?"));

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode out = JSON.readTree(response.body());
        assertThat(out.path("message").asText()).isEqualTo("Unknown Webhook");
        assertThat(out.path("code").asInt()).isEqualTo(10015);
        assertThat(discord.contents()).isEmpty();
    }

    @Test
    void aWrongTokenIsRefused() throws Exception {
        String url = discord.baseUrl() + "/api/webhooks/" + DiscordEmulator.WEBHOOK_ID + "/wrong-token";

        HttpResponse<String> response = post(url, message("x"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).path("code").asInt()).isEqualTo(50027);
    }
}
