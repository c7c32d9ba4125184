package dev.noshowping.lambda;

import static dev.noshowping.lambda.EventJson.document;
import static dev.noshowping.lambda.EventJson.list;
import static dev.noshowping.lambda.EventJson.longValue;
import static dev.noshowping.lambda.EventJson.object;
import static dev.noshowping.lambda.EventJson.text;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An S3 event notification read with Jackson's streaming parser, for the same reason as
 * {@link HttpEvents}. Only each record's object (key and size) is read, into an
 * {@link ObjectCreated}: the events classes parse {@code eventTime} into a Joda {@code DateTime},
 * which would load Joda-Time for a field no function needs. A record without an object key is a
 * {@link JsonParseException}, not a half-read record.
 */
public final class S3Events {

    /**
     * An object an S3 record tells of: its key with S3's URL encoding undone (spaces come as
     * {@code +}), and its size in bytes, or -1 when the record has none.
     */
    public record ObjectCreated(String key, long size) {
    }

    private S3Events() {
    }

    public static List<ObjectCreated> read(InputStream in) throws IOException {
        List<ObjectCreated> objects = new ArrayList<>();
        document(in, p -> object(p, () -> objects, (read, field, q) -> {
            if (field.equals("Records")) {
                List<ObjectCreated> records = list(q, S3Events::record);
                if (records != null) {
                    read.addAll(records);
                }
            } else {
                q.skipChildren();
            }
        }));
        return objects;
    }

    /** The objects of an event the runtime's serializer (or the local stack) made. */
    public static List<ObjectCreated> from(S3Event event) {
        if (event == null || event.getRecords() == null) {
            return List.of();
        }
        List<ObjectCreated> objects = new ArrayList<>();
        for (var record : event.getRecords()) {
            if (record.getS3() == null || record.getS3().getObject() == null || record.getS3().getObject().getKey() == null) {
                throw new IllegalArgumentException("an S3 record without s3.object.key");
            }
            var object = record.getS3().getObject();
            objects.add(new ObjectCreated(decode(object.getKey()),
                    object.getSizeAsLong() == null ? -1 : object.getSizeAsLong()));
        }
        return objects;
    }

    /** The object's fields as they are read, the record's and its {@code s3}'s into the same one. */
    private static final class Fields {
        String key;
        long size = -1;
    }

    private static ObjectCreated record(JsonParser p) throws IOException {
        Fields fields = object(p, Fields::new, (record, field, q) -> {
            if (field.equals("s3")) {
                object(q, () -> record, (s3, name, r) -> {
                    if (name.equals("object")) {
                        object(r, () -> s3, S3Events::objectField);
                    } else {
                        r.skipChildren();
                    }
                });
            } else {
                q.skipChildren();
            }
        });
        if (fields == null || fields.key == null) {
            throw new JsonParseException(p, "an S3 record without s3.object.key");
        }
        try {
            return new ObjectCreated(decode(fields.key), fields.size);
        } catch (IllegalArgumentException e) {
            throw new JsonParseException(p, "an S3 object key that is not URL-encoded: " + fields.key);
        }
    }

    private static void objectField(Fields fields, String name, JsonParser p) throws IOException {
        switch (name) {
            case "key" -> fields.key = text(p);
            case "size" -> fields.size = p.currentToken() == JsonToken.VALUE_NULL ? -1 : longValue(p);
            default -> p.skipChildren();
        }
    }

    private static String decode(String key) {
        return URLDecoder.decode(key, StandardCharsets.UTF_8);
    }
}
