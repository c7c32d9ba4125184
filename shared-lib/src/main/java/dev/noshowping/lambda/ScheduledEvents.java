package dev.noshowping.lambda;

import static dev.noshowping.lambda.EventJson.document;
import static dev.noshowping.lambda.EventJson.object;
import static dev.noshowping.lambda.EventJson.text;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * An EventBridge schedule's event read with Jackson's streaming parser, for the same reason as
 * {@link HttpEvents}. Only what a scheduled function may use is read, into a {@link Firing}: the
 * events class's {@code time} is a Joda {@code DateTime}, which would load Joda-Time for a field no
 * function needs. An empty object (an operator's {@code {}}) is a firing with nothing known.
 */
public final class ScheduledEvents {

    /** One firing of a schedule: the event's id, its {@code detail-type} and the time it was due; each may be null. */
    public record Firing(String id, String detailType, Instant time) {

        static final Firing UNKNOWN = new Firing(null, null, null);
    }

    private ScheduledEvents() {
    }

    public static Firing read(InputStream in) throws IOException {
        Fields fields = document(in, p -> object(p, Fields::new, ScheduledEvents::field));
        return new Firing(fields.id, fields.detailType, fields.time);
    }

    /** The firing in an event the runtime's serializer (or the local stack) made; a null event knows nothing. */
    public static Firing from(ScheduledEvent event) {
        if (event == null) {
            return Firing.UNKNOWN;
        }
        return new Firing(event.getId(), event.getDetailType(),
                event.getTime() == null ? null : Instant.ofEpochMilli(event.getTime().getMillis()));
    }

    /** The fields as they are read; a record is made once the object is done. */
    private static final class Fields {
        String id;
        String detailType;
        Instant time;
    }

    private static void field(Fields fields, String name, JsonParser p) throws IOException {
        switch (name) {
            case "id" -> fields.id = text(p);
            case "detail-type" -> fields.detailType = text(p);
            case "time" -> fields.time = instant(p);
            default -> p.skipChildren();
        }
    }

    private static Instant instant(JsonParser p) throws IOException {
        String text = text(p);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new JsonParseException(p, "time is not an ISO-8601 instant: " + text);
        }
    }
}
