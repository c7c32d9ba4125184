package dev.noshowping.functions.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.noshowping.config.ConfigurationException;
import dev.noshowping.json.Json;
import dev.noshowping.lambda.CustomResourceRequest;
import dev.noshowping.lambda.LocalContext;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.RepoRoot;
import dev.noshowping.testkit.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;

@ExtendWith(PostgresExtension.class)
class MigrateHandlerTest {

    /** Stands in for CloudFormation's presigned response URL: keeps every answer PUT to it. */
    HttpServer cloudFormation;
    final List<Answer> answers = new CopyOnWriteArrayList<>();
    int answerStatus = 200;

    record Answer(String method, String contentType, JsonNode body) {
    }

    @BeforeEach
    void startCloudFormation() throws IOException {
        cloudFormation = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        cloudFormation.createContext("/", exchange -> {
            answers.add(new Answer(exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("Content-Type"),
                    Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes())));
            exchange.sendResponseHeaders(answerStatus, -1);
            exchange.close();
        });
        cloudFormation.start();
    }

    @AfterEach
    void stopCloudFormation() {
        cloudFormation.stop(0);
    }

    /** The sample Create request, of another type, answering to the local server. */
    private Map<String, Object> request(String type) {
        try {
            Map<String, Object> event = new HashMap<>(Json.MAPPER.readValue(
                    RepoRoot.path().resolve("events/maintenance/migration-create.json").toFile(),
                    new TypeReference<Map<String, Object>>() { }));
            event.put("RequestType", type);
            event.put("ResponseURL", "http://127.0.0.1:" + cloudFormation.getAddress().getPort()
                    + "/stack/DatabaseMigration?X-Amz-Signature=abc");
            if (!type.equals("Create")) {
                event.put("PhysicalResourceId", MigrateHandler.PHYSICAL_ID);
            }
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aDeployMigratesThenTellsCloudFormationTheSchemaVersion(TestDatabase db) {
        db.installEnvironment(db.ownerEnvironment());
        try {
            Map<String, Object> summary = new MigrateHandler().handleRequest(request("Create"),
                    LocalContext.of("MigrateFunction", 300));
            assertThat(summary).containsEntry("requestType", "CREATE").containsEntry("migrationsExecuted", 0);
            assertThat(answers).singleElement().satisfies(answer -> {
                assertThat(answer.method()).isEqualTo("PUT");
                assertThat(answer.contentType()).as("the URL is signed without one").isNull();
                assertThat(answer.body().get("Status").asText()).isEqualTo("SUCCESS");
                assertThat(answer.body().get("PhysicalResourceId").asText()).isEqualTo(MigrateHandler.PHYSICAL_ID);
                assertThat(answer.body().get("RequestId").asText()).isEqualTo("2b8a6f5e-8c1d-4a7b-9e3f-5d6c7b8a9e0f");
                assertThat(answer.body().get("LogicalResourceId").asText()).isEqualTo("DatabaseMigration");
                assertThat(answer.body().get("StackId").asText()).startsWith("arn:aws:cloudformation:");
                assertThat(answer.body().at("/Data/SchemaVersion").asText()).isEqualTo(summary.get("schemaVersion").toString());
            });
        } finally {
            db.installEnvironment(Map.of());
        }
    }

    @Test
    void aMigrationThatCannotRunFailsTheDeployWithItsReason(TestDatabase db) {
        // the application role may not migrate: the update is answered FAILED, so the stack rolls back
        db.installEnvironment(Map.of("DATABASE_APP_USER", TestDatabase.APP_ROLE.user(),
                "DATABASE_APP_PASSWORD", TestDatabase.APP_ROLE.password()));
        try {
            Map<String, Object> result = new MigrateHandler().handleRequest(request("Update"),
                    LocalContext.of("MigrateFunction", 300));
            assertThat(result).containsEntry("requestType", "UPDATE");
            assertThat(answers).singleElement().satisfies(answer -> {
                assertThat(answer.body().get("Status").asText()).isEqualTo("FAILED");
                assertThat(answer.body().get("Reason").asText()).startsWith("migration failed: ")
                        .contains("the role that migrates");
                assertThat(answer.body().get("PhysicalResourceId").asText()).isEqualTo(MigrateHandler.PHYSICAL_ID);
            });
        } finally {
            db.installEnvironment(Map.of());
        }
    }

    @Test
    void deletingTheStackLeavesTheSchemaAndAnswersWithoutADatabase(TestDatabase db) {
        // no database settings at all: a Delete must not even try to connect
        db.installEnvironment(Map.of("DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/nothing"));
        try {
            new MigrateHandler().handleRequest(request("Delete"), LocalContext.of("MigrateFunction", 300));
            assertThat(answers).singleElement().satisfies(answer -> {
                assertThat(answer.body().get("Status").asText()).isEqualTo("SUCCESS");
                assertThat(answer.body().get("PhysicalResourceId").asText()).isEqualTo(MigrateHandler.PHYSICAL_ID);
            });
        } finally {
            db.installEnvironment(Map.of());
        }
    }

    @Test
    void anAnswerCloudFormationRefusesIsAnErrorOfTheInvocation(TestDatabase db) {
        answerStatus = 403;
        assertThatThrownBy(() -> new MigrateHandler().handleRequest(request("Delete"), LocalContext.of("MigrateFunction", 300)))
                .hasMessageContaining("answered 403");
    }

    @Test
    void aRequestWithoutItsResponseUrlIsRefused() {
        Map<String, Object> event = request("Create");
        event.remove("ResponseURL");
        assertThatThrownBy(() -> new MigrateHandler().handleRequest(event, LocalContext.of("MigrateFunction", 300)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ResponseURL");
        assertThat(answers).isEmpty();
    }

    @Test
    void migratingAnUpToDateSchemaAppliesNothingAndReportsTheVersion(TestDatabase db) {
        db.installEnvironment(db.ownerEnvironment());
        try {
            Map<String, Object> summary = new MigrateHandler().handleRequest(Map.of(), LocalContext.of("MigrateFunction", 300));
            assertThat(summary).containsEntry("migrationsExecuted", 0)
                    .containsEntry("applicationRole", TestDatabase.APP_ROLE.user());
            assertThat(summary.get("schemaVersion")).isNotNull();
        } finally {
            db.installEnvironment(Map.of());
        }
    }

    @Test
    void theFunctionsRoleCannotMigrate(TestDatabase db) {
        db.installEnvironment(Map.of("DATABASE_APP_USER", TestDatabase.APP_ROLE.user(),
                "DATABASE_APP_PASSWORD", TestDatabase.APP_ROLE.password()));
        try {
            assertThatThrownBy(() -> new MigrateHandler().handleRequest(Map.of(), LocalContext.of("MigrateFunction", 300)))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("the role that migrates");
        } finally {
            db.installEnvironment(Map.of());
        }
    }

    @Test
    void theStreamEntryMigratesForCloudFormationsRequestAndWritesTheSummary(TestDatabase db) throws Exception {
        db.installEnvironment(db.ownerEnvironment());
        try {
            JsonNode answer = stream(new MigrateHandler(), Json.MAPPER.writeValueAsBytes(request("Create")));
            assertThat(answer.path("requestType").asText()).as(answer.toString()).isEqualTo("CREATE");
            assertThat(answer.path("migrationsExecuted").asInt(-1)).isZero();
            assertThat(answers).singleElement().satisfies(a -> {
                assertThat(a.body().get("Status").asText()).isEqualTo("SUCCESS");
                assertThat(a.body().at("/Data/SchemaVersion").asText()).isEqualTo(answer.path("schemaVersion").asText());
            });
        } finally {
            db.installEnvironment(Map.of());
        }
    }

    @Test
    void theStreamEntryMigratesForAnOperatorsEmptyInput(TestDatabase db) throws Exception {
        db.installEnvironment(db.ownerEnvironment());
        try {
            JsonNode answer = stream(new MigrateHandler(),
                    Files.readAllBytes(RepoRoot.path().resolve("events/maintenance/migrate.json")));
            assertThat(answer.path("migrationsExecuted").asInt(-1)).as(answer.toString()).isZero();
            assertThat(answer.path("applicationRole").asText()).isEqualTo(TestDatabase.APP_ROLE.user());
            assertThat(answer.path("schemaVersion").isTextual()).isTrue();
            assertThat(answers).as("nobody to answer").isEmpty();
        } finally {
            db.installEnvironment(Map.of());
        }
    }

    @Test
    void anInputThatIsNotAnObjectFailsBeforeMigratingOrAnswering(TestDatabase db) {
        // a database that cannot be reached: an input taken for {} would fail otherwise, on connecting
        db.installEnvironment(Map.of("DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/nothing"));
        try {
            for (String input : List.of("", "[]", "null", "\"Create\"", "{\"RequestType\":", "{} {}")) {
                assertThatThrownBy(() -> stream(new MigrateHandler(), input.getBytes(StandardCharsets.UTF_8)))
                        .as(input).isInstanceOf(JsonProcessingException.class);
            }
            assertThat(answers).isEmpty();
        } finally {
            db.installEnvironment(Map.of());
        }
    }

    @Test
    void thePrimingReadsARequestButNeitherMigratesNorAnswers(TestDatabase db) throws Exception {
        db.installEnvironment(Map.of("DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/nothing"));
        try {
            assertThat(new MigrateHandler().prime().type()).isEqualTo(CustomResourceRequest.Type.DELETE);
            assertThat(answers).isEmpty();
        } finally {
            db.installEnvironment(Map.of());
        }
    }

    @Test
    void maintenanceThroughTheStreamEntryReadsTheSampleScheduleAndWritesItsSummary() throws Exception {
        JsonNode answer = stream(new MaintenanceHandler(),
                Files.readAllBytes(RepoRoot.path().resolve("events/maintenance/maintenance-schedule.json")));
        assertThat(answer.path("holdsExpired").asInt(-1)).as(answer.toString()).isZero();
        assertThat(answer.path("outboxPublished").asInt(-1)).isZero();
    }

    @Test
    void aScheduleEventThatCannotBeReadFailsTheRunBeforeAnyChore() {
        // read, any of them would run the payouts and answer a summary instead
        for (String event : List.of("[]", "{\"time\":\"yesterday\"}", "{\"id\":{}}")) {
            assertThatThrownBy(() -> stream(new PayoutHandler(), event.getBytes(StandardCharsets.UTF_8)))
                    .as(event).isInstanceOf(JsonProcessingException.class);
        }
    }

    private static JsonNode stream(RequestStreamHandler handler, byte[] input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(input), out, LocalContext.of("MigrateFunction", 300));
        return Json.MAPPER.readTree(out.toByteArray());
    }

    @ParameterizedTest
    @Event(value = "events/maintenance/maintenance-schedule.json", type = ScheduledEvent.class)
    void maintenanceOnAnEmptyDatabaseDoesNothingAndSaysSo(ScheduledEvent event) {
        assertThat(new MaintenanceHandler().handleRequest(event, LocalContext.of("MaintenanceFunction", 60)))
                .containsEntry("holdsExpired", 0).containsEntry("virtualAccountsSettled", 0)
                .containsEntry("confirmsReconciled", 0).containsEntry("outboxPublished", 0);
    }
}
