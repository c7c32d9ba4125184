package dev.noshowping.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.noshowping.json.Json;
import dev.noshowping.lambda.ScheduledEvents.Firing;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import org.junit.jupiter.api.Test;

class ScheduledFunctionTest {

    static final String SAMPLE = """
            {"version":"0","id":"c1f0e2d3-a4b5-4c6d-8e7f-9a0b1c2d3e4f","detail-type":"Scheduled Event",
             "source":"aws.scheduler","account":"123456789012","time":"2026-11-25T06:00:00Z","region":"ap-northeast-2",
             "resources":["arn:aws:scheduler:ap-northeast-2:123456789012:schedule/default/x"],"detail":{}}""";

    /** Answers with the firing it was given. */
    static final class Echo extends ScheduledFunction {
        final List<Firing> runs = new CopyOnWriteArrayList<>();

        @Override
        protected Map<String, Object> run(Firing firing, Context context) {
            runs.add(firing);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("id", firing.id());
            summary.put("detailType", firing.detailType());
            summary.put("time", firing.time() == null ? null : firing.time().toString());
            summary.put("tasks", 3);
            return summary;
        }
    }

    /** Remembers whether it was closed: the runtime's output stream is its own to close. */
    static final class Output extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }

    private final Echo echo = new Echo();

    private Output stream(String event) throws Exception {
        Output out = new Output();
        echo.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out,
                LocalContext.of("Echo", 60));
        return out;
    }

    @Test
    void theStreamEntryReadsTheFiringAndWritesTheSummary() throws Exception {
        Output out = stream(SAMPLE);
        assertThat(Json.MAPPER.readTree(out.toByteArray())).isEqualTo(Json.MAPPER.readTree("""
                {"id":"c1f0e2d3-a4b5-4c6d-8e7f-9a0b1c2d3e4f","detailType":"Scheduled Event",
                 "time":"2026-11-25T06:00:00Z","tasks":3}"""));
        assertThat(out.closed).isFalse();
        assertThat(echo.runs).containsExactly(new Firing("c1f0e2d3-a4b5-4c6d-8e7f-9a0b1c2d3e4f", "Scheduled Event",
                Instant.parse("2026-11-25T06:00:00Z")));
    }

    @Test
    void anOperatorsEmptyEventRunsWithNothingKnownOfTheFiring() throws Exception {
        stream("{}");
        stream("{\"time\":null,\"id\":null,\"detail\":null}");
        assertThat(echo.runs).containsExactly(new Firing(null, null, null), new Firing(null, null, null));
    }

    @Test
    void aTimeWithAnOffsetIsTheSameInstant() throws Exception {
        stream("{\"time\":\"2026-11-25T15:00:00+09:00\"}");
        assertThat(echo.runs.getFirst().time()).isEqualTo(Instant.parse("2026-11-25T06:00:00Z"));
    }

    @Test
    void anEventThatCannotBeReadFailsTheInvocationAndRunsNothing() {
        for (String event : List.of("", "[]", "null", "\"x\"", "{", "{} {}", "{\"time\":\"yesterday\"}",
                "{\"time\":{}}", "{\"id\":[\"a\"]}", "{\"detail-type\":{}}")) {
            assertThatThrownBy(() -> stream(event)).as(event).isInstanceOf(JsonProcessingException.class);
        }
        assertThat(echo.runs).isEmpty();
    }

    @Test
    void theTypedEntrySeesTheSameFiring() {
        ScheduledEvent event = new ScheduledEvent().withId("e-1").withDetailType("Scheduled Event")
                .withTime(new DateTime(2026, 11, 25, 6, 0, DateTimeZone.UTC));
        echo.handleRequest(event, LocalContext.of("Echo", 60));
        echo.handleRequest((ScheduledEvent) null, LocalContext.of("Echo", 60));
        assertThat(echo.runs).containsExactly(new Firing("e-1", "Scheduled Event", Instant.parse("2026-11-25T06:00:00Z")),
                new Firing(null, null, null));
    }

    @Test
    void lambdaPicksTheStreamEntry() {
        Method chosen = Arrays.stream(echo.getClass().getMethods())
                .filter(m -> m.getName().equals("handleRequest") && !m.isBridge())
                .max(Comparator.comparingInt(Method::getParameterCount))
                .orElseThrow();
        assertThat(chosen.getParameterTypes()).containsExactly(InputStream.class, OutputStream.class, Context.class);
    }

    @Test
    void thePrimingReadsAFiringButRunsNothing() throws Exception {
        assertThat(echo.prime().detailType()).isEqualTo("Scheduled Event");
        assertThat(echo.runs).isEmpty();
    }
}
