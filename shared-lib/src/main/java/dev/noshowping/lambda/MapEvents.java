package dev.noshowping.lambda;

import static dev.noshowping.lambda.EventJson.document;
import static dev.noshowping.lambda.EventJson.map;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.noshowping.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * Events and answers that are plain JSON objects, for the stream entries of functions whose typed
 * entry takes or returns a {@code Map}: the migrate function's custom resource request, and the
 * summaries the scheduled and S3 functions answer with. Read as the runtime's serializer reads a
 * map (numbers as Integer, Long or Double, nulls kept); written by our mapper.
 */
public final class MapEvents {

    private MapEvents() {
    }

    /** A whole document that must be one object; anything else is a {@link com.fasterxml.jackson.core.JsonParseException}. */
    public static Map<String, Object> read(InputStream in) throws IOException {
        return document(in, p -> map(p, EventJson::value));
    }

    public static void write(Map<String, ?> answer, OutputStream out) throws IOException {
        JsonGenerator g = EventJson.FACTORY.createGenerator(out);
        Json.MAPPER.writeValue(g, answer);
        // flushed, not closed: the output stream is the runtime's
        g.flush();
    }
}
