package dev.noshowping.lambda;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading an event's JSON as the Lambda runtime's serializer reads it into the events classes: text
 * where a number or a boolean stands, nulls kept, anything of the wrong shape a
 * {@link JsonParseException}. Each reader starts with the parser on the value it reads.
 */
final class EventJson {

    private EventJson() {
    }

    static void expectObject(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new JsonParseException(p, "expected an object");
        }
    }

    /** The next field's name with the parser on its value, or null at the end of the object. */
    static String nextField(JsonParser p) throws IOException {
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
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new JsonParseException(p, "expected an array at " + p.currentName());
        }
        List<String> values = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            values.add(text(p));
        }
        return values;
    }

    static Map<String, String> textMap(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        expectObject(p);
        for (String field; (field = nextField(p)) != null; ) {
            values.put(field, text(p));
        }
        return values;
    }

    static Map<String, Object> objectMap(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        expectObject(p);
        for (String field; (field = nextField(p)) != null; ) {
            values.put(field, value(p));
        }
        return values;
    }

    /** Any JSON value as maps, lists, text, numbers and booleans, as an untyped Jackson read gives it. */
    static Object value(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> objectMap(p);
            case START_ARRAY -> {
                List<Object> values = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    values.add(value(p));
                }
                yield values;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new JsonParseException(p, "unexpected " + p.currentToken());
        };
    }
}
