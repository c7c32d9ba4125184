package dev.noshowping.lambda;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.noshowping.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reading an event's JSON as the Lambda runtime's serializer reads it into the events classes: text
 * where a number or a boolean stands, nulls kept, anything of the wrong shape a
 * {@link JsonParseException}. Each reader starts with the parser on the value it reads; an events
 * class is read by {@link #object} with a {@link Field} that names its fields.
 */
final class EventJson {

    static final JsonFactory FACTORY = Json.MAPPER.getFactory();

    private EventJson() {
    }

    /** Reads one value; the parser is on it. */
    @FunctionalInterface
    interface Value<T> {
        T read(JsonParser p) throws IOException;
    }

    /** Reads the value of field {@code name} into {@code target}; the parser is on it. A field it does not know, it skips. */
    @FunctionalInterface
    interface Field<T> {
        void read(T target, String name, JsonParser p) throws IOException;
    }

    /** A whole document that must be one object and nothing after it. */
    static <T> T document(InputStream in, Value<T> object) throws IOException {
        try (JsonParser p = FACTORY.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(p, "expected an object");
            }
            T read = object.read(p);
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "trailing content after the event");
            }
            return read;
        }
    }

    /** An object into a new {@code make()}, field by field; null stays null. */
    static <T> T object(JsonParser p, Supplier<T> make, Field<T> field) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new JsonParseException(p, "expected an object at " + p.currentName());
        }
        T target = make.get();
        for (String name; (name = nextField(p)) != null; ) {
            field.read(target, name, p);
        }
        return target;
    }

    /** An object as a map of its fields' values, in their order; null stays null. */
    static <T> Map<String, T> map(JsonParser p, Value<T> value) throws IOException {
        return EventJson.<Map<String, T>>object(p, LinkedHashMap::new, (values, name, q) -> values.put(name, value.read(q)));
    }

    /** An array; null stays null. */
    static <T> List<T> list(JsonParser p, Value<T> value) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new JsonParseException(p, "expected an array at " + p.currentName());
        }
        List<T> values = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            values.add(value.read(p));
        }
        return values;
    }

    /** The next field's name with the parser on its value, or null at the end of the object. */
    private static String nextField(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.FIELD_NAME) {
            return null;
        }
        String name = p.currentName();
        p.nextToken();
        return name;
    }

    /** Text; a number or a boolean as its text, as the runtime's serializer coerces them. */
    static String text(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> p.getText();
            default -> throw new JsonParseException(p, "expected text at " + p.currentName());
        };
    }

    static boolean bool(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_NULL, VALUE_FALSE -> false;
            case VALUE_TRUE -> true;
            case VALUE_STRING -> switch (p.getText()) {
                case "true" -> true;
                case "false", "" -> false;
                default -> throw new JsonParseException(p, "expected a boolean at " + p.currentName());
            };
            default -> throw new JsonParseException(p, "expected a boolean at " + p.currentName());
        };
    }

    static long longValue(JsonParser p) throws IOException {
        try {
            return switch (p.currentToken()) {
                case VALUE_NULL -> 0;
                case VALUE_NUMBER_INT -> p.getLongValue();
                case VALUE_STRING -> Long.parseLong(p.getText().trim());
                default -> throw new JsonParseException(p, "expected a number at " + p.currentName());
            };
        } catch (NumberFormatException | com.fasterxml.jackson.core.exc.InputCoercionException e) {
            throw new JsonParseException(p, "expected a whole number at " + p.currentName());
        }
    }

    static List<String> texts(JsonParser p) throws IOException {
        return list(p, EventJson::text);
    }

    static Map<String, String> textMap(JsonParser p) throws IOException {
        return map(p, EventJson::text);
    }

    /** Any JSON value as maps, lists, text, numbers and booleans, as an untyped Jackson read gives it. */
    static Object value(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> map(p, EventJson::value);
            case START_ARRAY -> list(p, EventJson::value);
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new JsonParseException(p, "unexpected " + p.currentToken());
        };
    }
}
