package dev.noshowping.functions.images;

import dev.noshowping.config.Environment;
import dev.noshowping.db.Database;
import dev.noshowping.http.ApiResponses;
import dev.noshowping.lambda.HttpFunction;
import dev.noshowping.lambda.Lazy;
import dev.noshowping.lambda.Priming;
import dev.noshowping.screenshot.ScreenshotStorage;
import dev.noshowping.screenshot.ScreenshotUpload;
import dev.noshowping.screenshot.SignScreenshotUrls;
import java.util.Map;

/** Presigned screenshot URLs: {@code POST /images}, {@code GET /images/{id}/url}. */
public final class ImageSignHandler extends HttpFunction {

    public ImageSignHandler() {
        this(new SignScreenshotUrls(Database::dataSource, Lazy.of(() -> ScreenshotStorage.from(Environment.current()))));
    }

    private ImageSignHandler(SignScreenshotUrls urls) {
        super(Map.of(
                "POST /images", r -> ApiResponses.json(201, urls.upload(r.caller(), r.body(ScreenshotUpload.class))),
                "GET /images/{id}/url", r -> ApiResponses.json(200, urls.download(r.caller(), r.idParameter("id")))));
        // both routes sign a URL: the signer's classes are loaded before the snapshot, not on the first request after it
        Priming.register("screenshot signing", ScreenshotStorage::primeSigning);
    }
}
