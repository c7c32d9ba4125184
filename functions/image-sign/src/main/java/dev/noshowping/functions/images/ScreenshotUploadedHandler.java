package dev.noshowping.functions.images;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.noshowping.config.Environment;
import dev.noshowping.db.Database;
import dev.noshowping.lambda.Lazy;
import dev.noshowping.log.JsonLog;
import dev.noshowping.screenshot.ScreenshotStorage;
import dev.noshowping.screenshot.UploadedScreenshots;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * S3 {@code ObjectCreated} on the screenshots bucket: marks the screenshot uploaded (with the digest
 * of its bytes), so article create need not ask S3. Idempotent (S3 may deliver an event more than
 * once): only a PENDING screenshot of the announced size moves.
 */
public final class ScreenshotUploadedHandler implements RequestHandler<S3Event, Map<String, Object>> {

    private final UploadedScreenshots uploads = new UploadedScreenshots(Database::dataSource,
            Lazy.of(() -> ScreenshotStorage.from(Environment.current())));

    @Override
    public Map<String, Object> handleRequest(S3Event event, Context context) {
        long start = System.nanoTime();
        int marked = 0;
        int records = event.getRecords() == null ? 0 : event.getRecords().size();
        for (var record : event.getRecords() == null ? java.util.List.<S3Event.S3EventNotificationRecord>of() : event.getRecords()) {
            var object = record.getS3().getObject();
            // S3 event keys are URL-encoded (spaces as '+')
            String key = URLDecoder.decode(object.getKey(), StandardCharsets.UTF_8);
            long size = object.getSizeAsLong() == null ? -1 : object.getSizeAsLong();
            if (uploads.uploaded(key, size)) {
                marked++;
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("function", context == null ? "ScreenshotUploadedHandler" : context.getFunctionName());
        summary.put("records", records);
        summary.put("marked", marked);
        summary.put("latencyMs", JsonLog.millisSince(start));
        JsonLog.info("objects created", summary);
        return summary;
    }
}
