package dev.noshowping.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.json.Json;
import java.io.IOException;
import java.util.UUID;

/**
 * A notifications-queue message as {@code OutboxPublisher} writes it:
 * {@code {"outboxId": uuid, "topic": "...", "payload": {...}}}. The outbox id is the dedupe key.
 */
public record OutboxMessage(UUID outboxId, String topic, JsonNode payload) {

    /** Reads a message body; {@link MalformedMessage} when it is not one of ours (retrying cannot help). */
    public static OutboxMessage parse(String body) {
        JsonNode root;
        try {
            root = body == null ? null : Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new MalformedMessage("body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedMessage("body is not a JSON object");
        }
        UUID id;
        try {
            id = UUID.fromString(root.path("outboxId").asText(""));
        } catch (IllegalArgumentException e) {
            throw new MalformedMessage("outboxId is not a UUID");
        }
        String topic = root.path("topic").asText("");
        if (topic.isBlank()) {
            throw new MalformedMessage("topic is missing");
        }
        JsonNode payload = root.path("payload");
        if (!payload.isObject()) {
            throw new MalformedMessage("payload is not a JSON object");
        }
        return new OutboxMessage(id, topic, payload);
    }

    /** A required text field of the payload. */
    String text(String field) {
        JsonNode v = payload.path(field);
        if (!v.isValueNode() || v.isNull() || v.asText().isBlank()) {
            throw new MalformedMessage(topic + ": payload." + field + " is missing");
        }
        return v.asText();
    }

    /** A required text field naming a constant of {@code type}: one of our own states, written by our own code. */
    <E extends Enum<E>> E constant(String field, Class<E> type) {
        String name = text(field);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new MalformedMessage(topic + ": payload." + field + " is no " + type.getSimpleName() + ": " + name);
    }

    /** A required whole-number field of the payload. */
    public long number(String field) {
        JsonNode v = payload.path(field);
        if (!v.canConvertToExactIntegral()) {
            throw new MalformedMessage(topic + ": payload." + field + " is not a whole number");
        }
        return v.asLong();
    }

    /** A required nested object of the payload. */
    OutboxMessage nested(String field) {
        JsonNode v = payload.path(field);
        if (!v.isObject()) {
            throw new MalformedMessage(topic + ": payload." + field + " is missing");
        }
        return new OutboxMessage(outboxId, topic + "." + field, v);
    }
}
