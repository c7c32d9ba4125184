package dev.noshowping.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.noshowping.json.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MapEventsTest {

    private static Map<String, Object> read(String event) throws Exception {
        return MapEvents.read(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anObjectIsReadAsAnUntypedMapInItsOrder() throws Exception {
        Map<String, Object> read = read("""
                {"RequestType":"Create","n":7,"big":12345678901,"f":1.5,"ok":true,"none":null,
                 "list":[1,"x",{"y":false}],"ResourceProperties":{"MigrateFunctionVersion":"7"}}""");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("RequestType", "Create");
        expected.put("n", 7);
        expected.put("big", 12345678901L);
        expected.put("f", 1.5d);
        expected.put("ok", true);
        expected.put("none", null);
        expected.put("list", Arrays.asList(1, "x", Map.of("y", false)));
        expected.put("ResourceProperties", Map.of("MigrateFunctionVersion", "7"));
        assertThat(read).containsExactlyEntriesOf(expected);
        assertThat(read("{}")).isEmpty();
    }

    @Test
    void anInputThatIsNotOneObjectIsAParseError() {
        for (String event : List.of("", "[]", "null", "1", "\"x\"", "{", "{\"a\":}", "{} {}")) {
            assertThatThrownBy(() -> read(event)).as(event).isInstanceOf(JsonProcessingException.class);
        }
    }

    @Test
    void anAnswerIsWrittenByOurMapperWithoutClosingTheRuntimesStream() throws Exception {
        ScheduledFunctionTest.Output out = new ScheduledFunctionTest.Output();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("migrationsExecuted", 2);
        answer.put("schemaVersion", "42");
        answer.put("skipped", null);
        answer.put("lagSeconds", 1.25);
        MapEvents.write(answer, out);
        assertThat(out.closed).isFalse();
        // nulls are left out, as in every answer of ours
        assertThat(Json.MAPPER.readTree(out.toByteArray()))
                .isEqualTo(Json.MAPPER.readTree("{\"migrationsExecuted\":2,\"schemaVersion\":\"42\",\"lagSeconds\":1.25}"));
    }
}
