package dev.noshowping.testkit.market;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noshowping.json.Json;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One HTTP answer of the emulator, before it is written to the exchange. */
record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json; charset=utf-8";
    static final String HTML = "text/html; charset=utf-8";
    private static final ObjectMapper KEEPING_NULLS = Json.MAPPER.copy().setSerializationInclusion(JsonInclude.Include.ALWAYS);

    static Answer json(int status, Object value) {
        try {
            return new Answer(status, JSON, Json.MAPPER.writeValueAsBytes(value), Map.of());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The project mapper leaves nulls out; the marketplaces' 404 bodies carry an explicit {@code "data": null}. */
    static Answer jsonKeepingNulls(int status, Object value) {
        try {
            return new Answer(status, JSON, KEEPING_NULLS.writeValueAsBytes(value), Map.of());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Answer html(int status, String page) {
        return new Answer(status, HTML, page.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /**
     * A JSON object whose fields keep the order given: {@code Map.of} iterates in an order salted per JVM run,
     * which would make the same answer differ byte for byte between two runs.
     */
    static Map<String, Object> object(Object... namesAndValues) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return out;
    }

    Answer withHeader(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new Answer(status, contentType, body, Map.copyOf(more));
    }
}
