package dev.noshowping.screenshot;

import dev.noshowping.db.Transaction;
import dev.noshowping.domain.Forbidden;
import dev.noshowping.domain.NotFound;
import dev.noshowping.domain.Validation;
import dev.noshowping.identity.Caller;
import dev.noshowping.merchant.MerchantRepository;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * {@code POST /images} and {@code GET /images/{id}/url}: presigned URLs, five minutes each.
 * Object keys are random (122 bits), never derived from anything the caller sent.
 */
public final class SignScreenshotUrls {

    public static final Duration TTL = Duration.ofMinutes(5);
    public static final long MAX_BYTES = 10L * 1024 * 1024;
    private static final Map<String, String> EXTENSIONS = Map.of(
            "image/jpeg", "jpg", "image/png", "png", "image/webp", "webp", "image/heic", "heic");

    private final Supplier<DataSource> dataSource;
    private final Supplier<ScreenshotStorage> storage;

    public SignScreenshotUrls(Supplier<DataSource> dataSource, Supplier<ScreenshotStorage> storage) {
        this.dataSource = dataSource;
        this.storage = storage;
    }

    public UploadTicket upload(Caller caller, ScreenshotUpload request) {
        Validation v = new Validation();
        if (v.required("contentType", request.contentType())) {
            v.check(EXTENSIONS.containsKey(request.contentType()), "contentType",
                    "must be one of image/jpeg, image/png, image/webp, image/heic");
        }
        v.range("sizeBytes", request.sizeBytes(), 1, MAX_BYTES);
        v.throwIfInvalid();

        String key = "screenshots/" + UUID.randomUUID() + "." + EXTENSIONS.get(request.contentType());
        long id = Transaction.run(dataSource.get(), c -> {
            var merchant = MerchantRepository.refBySubject(c, caller.subject()).orElseThrow(() ->
                    new Forbidden("only merchants upload screenshots: POST /merchants first"));
            return ScreenshotRepository.insertPending(c, merchant.userId(), key, request.contentType(), request.sizeBytes());
        });
        var signed = storage.get().presignPut(key, request.contentType(), request.sizeBytes(), TTL);
        return new UploadTicket(id, signed.url().toString(), "PUT", signed.headers(), signed.expiresAt());
    }

    public DownloadTicket download(Caller caller, long screenshotId) {
        String key = Transaction.read(dataSource.get(),
                        c -> ScreenshotRepository.visibleKey(c, screenshotId, caller.subject(), caller.isAdmin()))
                .orElseThrow(() -> new NotFound("no screenshot " + screenshotId));
        var signed = storage.get().presignGet(key, TTL);
        return new DownloadTicket(screenshotId, signed.url().toString(), signed.expiresAt());
    }
}
