package dev.noshowping.emulator.toss;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * JSON as the Toss emulator reads and writes it: a plain mapper, because Toss's Payment object
 * carries explicit {@code null}s that the project mapper would leave out; lenient reading, so a
 * malformed body is an absent field and the route's own validation answers it.
 */
final class TossJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TossJson() {
    }

    static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return NullNode.getInstance();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null ? NullNode.getInstance() : node;
        } catch (IOException e) {
            return NullNode.getInstance();
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    /** An integral amount, as a JSON number or a string of digits (Toss's own SDK examples send both). */
    static Long amount(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.asLong();
        }
        if (value.isTextual() && value.asText().matches("-?\\d{1,18}")) {
            return Long.parseLong(value.asText());
        }
        return null;
    }

    static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String write(Object value) {
        return new String(bytes(value), StandardCharsets.UTF_8);
    }

    static Answer ok(Object body) {
        return new Answer(200, bytes(body));
    }

    /** The helper routes' error body: {@code {code, message}}. */
    static Answer error(int status, String code, String message) {
        return new Answer(status, bytes(Map.of("code", code, "message", message)));
    }
}
