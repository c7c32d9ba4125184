package dev.noshowping.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.json.Json;
import dev.noshowping.testkit.Await;
import dev.noshowping.testkit.RepoRoot;
import dev.noshowping.testkit.TestPostgres;
import dev.noshowping.testkit.notify.DiscordEmulator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the stack starts and stops around its parts: a taken port named in one line, outside
 * services pointed elsewhere instead of emulated, and a stop that answers what it accepted.
 */
class StackStartStopTest {

    @TempDir
    Path localDir;

    private final HttpClient http = HttpClient.newHttpClient();

    private StackOptions options() {
        Path root = RepoRoot.path();
        return StackOptions.forTests(root, root.resolve("template.yaml"), localDir);
    }

    @Test
    void aTakenPortIsNamedInOneLineWithTheProcessHoldingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> LocalStack.start(options().withGatewayPort(port)))
                    .isInstanceOf(BootFailure.class)
                    .hasMessageStartingWith("ports: port " + port + " (gateway, GATEWAY_PORT) is in use by pid "
                            + ProcessHandle.current().pid() + ": ")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void anOutsideServiceWithoutItsCredentialsIsRefusedByName() {
        assertThatThrownBy(() -> LocalStack.start(options()
                .withOutside("TOSS_API_BASE_URL", "https://api.tosspayments.com")))
                .isInstanceOf(BootFailure.class)
                .hasMessage("outside services: TOSS_API_BASE_URL points elsewhere, so TOSS_SECRET_KEY must be set too"
                        + " (docs/local-stack.md)");
    }

    @Test
    void aLiveTossKeyIsRefused() {
        assertThatThrownBy(() -> LocalStack.start(options()
                .withOutside("TOSS_API_BASE_URL", "https://api.tosspayments.com")
                .withOutside("TOSS_SECRET_KEY", "live_sk_0123456789")))
                .isInstanceOf(BootFailure.class)
                .hasMessageContaining("TOSS_SECRET_KEY is not a test key (test_sk_…)");
    }

    /** The template of one held HTTP function: a stack without queues or buckets, quick to start. */
    private StackOptions smallStack() throws Exception {
        Path template = Path.of(StackStartStopTest.class.getResource("/drain-template.yaml").toURI());
        return StackOptions.forTests(RepoRoot.path(), template, localDir);
    }

    @Test
    void onlyTheServicesNotPointedElsewhereAreEmulated() throws Exception {
        String bunjang = "http://localhost:9/bunjang";
        // the build's migrated template as a kept .local/pg: no initdb, no migration to apply
        TestPostgres.seed(LocalStack.postgresDirectory(localDir));
        try (DiscordEmulator outsideDiscord = DiscordEmulator.start(0);
             LocalStack stack = LocalStack.start(smallStack()
                     .withOutside("DISCORD_WEBHOOK_URL", outsideDiscord.webhookUrl())
                     .withOutside("BUNJANG_BASE_URL", bunjang))) {
            assertThat(stack.discord()).isNull();
            assertThat(stack.toss()).isNotNull();
            assertThat(stack.market()).as("Joongna is still emulated").isNotNull();

            JsonNode described = Json.MAPPER.readTree(Files.readString(localDir.resolve("stack.json")));
            assertThat(Json.MAPPER.convertValue(described.get("services"), Map.class)).isEqualTo(Map.of(
                    "toss", "emulated", "solapi", "emulated", "discord", outsideDiscord.webhookUrl(),
                    "bunjang", bunjang, "joongna", "emulated", "joongnaApi", "emulated"));
            JsonNode environment = described.get("functionEnvironment");
            assertThat(environment.get("DISCORD_WEBHOOK_URL").asText()).isEqualTo(outsideDiscord.webhookUrl());
            assertThat(environment.get("BUNJANG_BASE_URL").asText()).isEqualTo(bunjang);
            assertThat(environment.get("JOONGNA_BASE_URL").asText()).isEqualTo(stack.market().joongnaBaseUrl());
            assertThat(environment.get("TOSS_API_BASE_URL").asText()).isEqualTo(stack.toss().baseUrl());
            assertThat(environment.has("CRAWL_HOST_RATE_PER_SECOND"))
                    .as("a real marketplace keeps the crawl's pace (CrawlSettings' default)").isFalse();
            assertThat(described.get("emulators").has("discord")).isFalse();

            HttpResponse<String> helper = http.send(HttpRequest.newBuilder(
                    URI.create(stack.gatewayUrl() + "/_local/discord/messages")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(helper.statusCode()).as("no emulator, no helper route").isEqualTo(404);
        }
    }

    /** The one stack of these tests started on an empty folder, as {@code ./run.sh --fresh} does: initdb and every migration. */
    @Test
    void aStopAnswersTheRequestInFlightBeforeItClosesTheDatabase() throws Exception {
        HeldHandler.RELEASE = new CountDownLatch(1);
        LocalStack stack = LocalStack.start(smallStack());
        int port = URI.create(stack.gatewayUrl()).getPort();
        CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
                HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/held")).build(), HttpResponse.BodyHandlers.ofString());
        Await.until(Duration.ofSeconds(10), "the request is being handled", () -> stack.host().running() == 1);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(stack::close);
        Await.until(Duration.ofSeconds(10), "the gateway refuses new connections", () -> !accepts(port));
        assertThat(stopping).as("the stop waits for the request in flight").isNotDone();

        HeldHandler.RELEASE.countDown();
        HttpResponse<String> answer = inFlight.get(20, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).as("the database was still open").isEqualTo("42");
        stopping.get(30, TimeUnit.SECONDS);
        assertThat(stack.host().running()).isZero();
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
