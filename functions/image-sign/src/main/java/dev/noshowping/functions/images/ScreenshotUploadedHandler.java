package dev.noshowping.functions.images;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.noshowping.config.Environment;
import dev.noshowping.db.Database;
import dev.noshowping.lambda.DatabaseLoginPriming;
import dev.noshowping.lambda.Lazy;
import dev.noshowping.lambda.MapEvents;
import dev.noshowping.lambda.Priming;
import dev.noshowping.lambda.S3Events;
import dev.noshowping.log.JsonLog;
import dev.noshowping.screenshot.ScreenshotStorage;
import dev.noshowping.screenshot.UploadedScreenshots;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * S3 {@code ObjectCreated} on the screenshots bucket: marks the screenshot uploaded (with the digest
 * of its bytes), so article create need not ask S3. Idempotent (S3 may deliver an event more than
 * once): only a PENDING screenshot of the announced size moves.
 *
 * <p>Lambda calls the stream entry (the longest {@code handleRequest} overload): {@link S3Events}
 * reads the objects and {@link MapEvents} writes the summary, so the runtime's serializer is never
 * loaded. The typed entry is for tests and the local stack's notifications.
 */
public final class ScreenshotUploadedHandler implements RequestHandler<S3Event, Map<String, Object>>, RequestStreamHandler {

    private final UploadedScreenshots uploads = new UploadedScreenshots(Database::dataSource,
            Lazy.of(() -> ScreenshotStorage.from(Environment.current())));

    public ScreenshotUploadedHandler() {
        Priming.register(getClass().getSimpleName(), this::prime);
        DatabaseLoginPriming.register();
        // each record's bytes are read with a signed GET
        Priming.register("screenshot signing", ScreenshotStorage::primeSigning);
    }

    /** The priming: an event without records through the stream entry; nothing is marked, so the database is not touched. */
    String prime() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handleRequest(new ByteArrayInputStream("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Lambda's entry. An event that cannot be read (a record without an object key among them) fails
     * the invocation before any record is marked, as the runtime's serializer failed it; S3 retries it.
     */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        MapEvents.write(markUploaded(S3Events.read(input), context), output);
    }

    @Override
    public Map<String, Object> handleRequest(S3Event event, Context context) {
        return markUploaded(S3Events.from(event), context);
    }

    private Map<String, Object> markUploaded(List<S3Events.ObjectCreated> objects, Context context) {
        long start = System.nanoTime();
        int marked = 0;
        for (S3Events.ObjectCreated object : objects) {
            if (uploads.uploaded(object.key(), object.size())) {
                marked++;
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("function", context == null ? "ScreenshotUploadedHandler" : context.getFunctionName());
        summary.put("records", objects.size());
        summary.put("marked", marked);
        summary.put("latencyMs", JsonLog.millisSince(start));
        JsonLog.info("objects created", summary);
        return summary;
    }
}
