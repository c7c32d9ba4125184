package dev.noshowping.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.noshowping.json.Json;
import dev.noshowping.lambda.CustomResourceRequest;
import dev.noshowping.lambda.LocalContext;
import dev.noshowping.lambda.MapEvents;
import dev.noshowping.lambda.S3Events;
import dev.noshowping.lambda.ScheduledEvents;
import dev.noshowping.lambda.ScheduledFunction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The events Lambda sends the scheduled functions, the screenshot-upload function and the migrate
 * function, read by our readers (what Lambda now calls) and by the runtime's serializer (what it
 * called before), must give those functions the same input; their answers, now written by our
 * mapper, must be the JSON the runtime's serializer wrote.
 */
class ScheduledS3AndMigrateEventsEquivalenceTest {

    /** {@code Map<String, Object>}, the input and answer type of the migrate function's typed entry. */
    private static final Type MAP = mapType();

    /** Answers with the firing it was given, as a scheduled function's summary. */
    static final class Echo extends ScheduledFunction {
        @Override
        protected Map<String, Object> run(ScheduledEvents.Firing firing, Context context) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("id", firing.id());
            summary.put("detailType", firing.detailType());
            summary.put("time", firing.time().toString());
            summary.put("tasks", 12);
            return summary;
        }
    }

    static Stream<Path> scheduledEvents() throws Exception {
        return HttpEventsEquivalenceTest.sampleEvents(json -> "Scheduled Event".equals(json.path("detail-type").asText()));
    }

    static Stream<Path> s3Events() throws Exception {
        return HttpEventsEquivalenceTest.sampleEvents(json -> "aws:s3".equals(json.path("Records").path(0).path("eventSource").asText()));
    }

    /** The migrate function's: a custom resource request, or an operator's {@code {}}. */
    static Stream<Path> migrateEvents() throws Exception {
        return HttpEventsEquivalenceTest.sampleEvents(json -> json.has("RequestType") || json.isEmpty());
    }

    @Test
    void theSampleEventsIncludeEveryScheduleTheS3EventAndBothMigrateInputs() throws Exception {
        assertThat(scheduledEvents().count()).isGreaterThanOrEqualTo(4);
        assertThat(s3Events().count()).isGreaterThanOrEqualTo(1);
        assertThat(migrateEvents().map(p -> p.getFileName().toString())).contains("migrate.json", "migration-create.json");
    }

    @ParameterizedTest
    @MethodSource("scheduledEvents")
    void bothReadersGiveTheSameFiringAndTheSameAnswer(Path file) throws Exception {
        byte[] json = Files.readAllBytes(file);
        ScheduledEvent before = LambdaEventSerializers.serializerFor(ScheduledEvent.class, getClass().getClassLoader())
                .fromJson(new ByteArrayInputStream(json));
        ScheduledEvents.Firing ours = ScheduledEvents.read(new ByteArrayInputStream(json));
        assertThat(ours).isEqualTo(ScheduledEvents.from(before));
        assertThat(ours.id()).isNotNull();
        assertThat(ours.time()).isNotNull();

        Echo echo = new Echo();
        Map<String, Object> typed = echo.handleRequest(before, LocalContext.of("Echo", 60));
        ByteArrayOutputStream streamOut = new ByteArrayOutputStream();
        echo.handleRequest(new ByteArrayInputStream(json), streamOut, LocalContext.of("Echo", 60));
        assertThat(Json.MAPPER.readTree(streamOut.toByteArray())).isEqualTo(runtimeAnswer(typed));
    }

    @ParameterizedTest
    @MethodSource("s3Events")
    void bothReadersGiveTheSameObjects(Path file) throws Exception {
        byte[] json = Files.readAllBytes(file);
        List<S3Events.ObjectCreated> ours = S3Events.read(new ByteArrayInputStream(json));
        assertThat(ours).isEqualTo(S3Events.from(runtimeS3(json))).isNotEmpty();
    }

    /** What the sample lacks: several records, a key S3 URL-encoded (spaces as '+', Hangul), a size as text. */
    @Test
    void encodedKeysAndSeveralRecordsAreReadAsTheRuntimeReadsThem() throws Exception {
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(RepoRoot.path().resolve("events/image-sign/object-created.json").toFile());
        ObjectNode second = json.withArray("Records").get(0).deepCopy();
        ((ObjectNode) second.path("s3").path("object")).put("key", "screenshots/%ED%98%B8%ED%85%94+%EC%98%88%EC%95%BD+1.png")
                .put("size", "2048");
        json.withArray("Records").add(second);
        byte[] bytes = Json.MAPPER.writeValueAsBytes(json);
        List<S3Events.ObjectCreated> ours = S3Events.read(new ByteArrayInputStream(bytes));
        assertThat(ours).isEqualTo(S3Events.from(runtimeS3(bytes)));
        assertThat(ours.get(1)).isEqualTo(new S3Events.ObjectCreated("screenshots/호텔 예약 1.png", 2048));
    }

    @ParameterizedTest
    @MethodSource("migrateEvents")
    void bothReadersGiveTheSameRequest(Path file) throws Exception {
        byte[] json = Files.readAllBytes(file);
        Map<String, Object> before = runtimeMap(json);
        Map<String, Object> ours = MapEvents.read(new ByteArrayInputStream(json));
        assertThat(ours).isEqualTo(before);
        assertThat(CustomResourceRequest.from(ours)).isEqualTo(CustomResourceRequest.from(before));
    }

    /** Numbers (the runtime's Integer, Long and Double), booleans, nulls and nesting, which the samples lack. */
    @Test
    void untypedValuesAreReadAsTheRuntimeReadsThem() throws Exception {
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(RepoRoot.path().resolve("events/maintenance/migration-create.json").toFile());
        ((ObjectNode) json.path("ResourceProperties")).put("n", 7).put("big", 12345678901L).put("f", 1.5).put("ok", true)
                .putNull("none").putArray("list").add(1).add("x").addObject().put("y", false);
        byte[] bytes = Json.MAPPER.writeValueAsBytes(json);
        Map<String, Object> ours = MapEvents.read(new ByteArrayInputStream(bytes));
        assertThat(ours).isEqualTo(runtimeMap(bytes));
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) ours.get("ResourceProperties");
        assertThat(properties.get("n")).isInstanceOf(Integer.class);
        assertThat(properties.get("big")).isInstanceOf(Long.class);
        assertThat(properties).containsEntry("none", null);
    }

    /** The summaries the functions answer with: counts, ids, text, fractions, nested maps and lists, a null (left out by both). */
    @Test
    void aSummaryIsWrittenAsTheRuntimeWroteIt() throws Exception {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("runId", UUID.fromString("5b0c4c1e-8f2a-4f7e-9d55-2f1f0a6e7c31"));
        summary.put("tasks", 12);
        summary.put("seconds", 12345678901L);
        summary.put("outboxLagSeconds", 1.25);
        summary.put("skipped", "NOTIFICATIONS_QUEUE_URL is not set");
        summary.put("requestType", "CREATE");
        summary.put("retention", Map.of("holds", 3));
        summary.put("failed", List.of("payments"));
        summary.put("done", true);
        summary.put("schemaVersion", null);
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        MapEvents.write(summary, ours);
        assertThat(Json.MAPPER.readTree(ours.toByteArray())).isEqualTo(runtimeAnswer(summary));
    }

    /**
     * What the runtime's serializer refused, our readers refuse too, with a parse error. ({@code []}
     * it read as a null scheduled event or map, and ran the schedule or the migration, and content after
     * the object it ignored; ours refuse both.)
     */
    @Test
    void whatTheRuntimeRefusesOurReadersRefuse() {
        for (String event : List.of("\"x\"", "{")) {
            byte[] bytes = event.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThatThrownBy(() -> LambdaEventSerializers.serializerFor(ScheduledEvent.class, getClass().getClassLoader())
                    .fromJson(new ByteArrayInputStream(bytes))).as("runtime, scheduled " + event).isNotNull();
            assertThatThrownBy(() -> ScheduledEvents.read(new ByteArrayInputStream(bytes))).as("ours, scheduled " + event)
                    .isInstanceOf(JsonProcessingException.class);
            assertThatThrownBy(() -> runtimeMap(bytes)).as("runtime, map " + event).isNotNull();
            assertThatThrownBy(() -> MapEvents.read(new ByteArrayInputStream(bytes))).as("ours, map " + event)
                    .isInstanceOf(JsonProcessingException.class);
        }
        for (String event : List.of("[]", "\"x\"", "{")) {
            byte[] bytes = event.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThatThrownBy(() -> runtimeS3(bytes)).as("runtime, S3 " + event).isNotNull();
            assertThatThrownBy(() -> S3Events.read(new ByteArrayInputStream(bytes))).as("ours, S3 " + event)
                    .isInstanceOf(JsonProcessingException.class);
        }
    }

    private S3Event runtimeS3(byte[] json) {
        return LambdaEventSerializers.serializerFor(S3Event.class, getClass().getClassLoader())
                .fromJson(new ByteArrayInputStream(json));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> runtimeMap(byte[] json) {
        return (Map<String, Object>) JacksonFactory.getInstance().getSerializer(MAP).fromJson(new ByteArrayInputStream(json));
    }

    /** The answer as the runtime wrote a typed entry's {@code Map<String, Object>}. */
    private static JsonNode runtimeAnswer(Map<String, Object> answer) throws Exception {
        @SuppressWarnings("unchecked")
        PojoSerializer<Object> serializer = (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(MAP);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.toJson(answer, out);
        return Json.MAPPER.readTree(out.toByteArray());
    }

    private static Type mapType() {
        try {
            return ScheduledFunction.class.getMethod("handleRequest", ScheduledEvent.class, Context.class).getGenericReturnType();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
