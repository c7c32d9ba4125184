package dev.noshowping.screenshot;

import dev.noshowping.db.Transaction;
import dev.noshowping.log.JsonLog;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * S3 reported an object in the screenshots bucket: the screenshot signed for it is uploaded, if its
 * size is the one signed, and the SHA-256 of its bytes is kept so staff see one picture used on two
 * articles. Idempotent, as S3 may report an object more than once.
 */
public final class UploadedScreenshots {

    private final Supplier<DataSource> dataSource;
    private final Supplier<ScreenshotStorage> storage;

    public UploadedScreenshots(Supplier<DataSource> dataSource, Supplier<ScreenshotStorage> storage) {
        this.dataSource = dataSource;
        this.storage = storage;
    }

    /** Whether a pending screenshot became uploaded. */
    public boolean uploaded(String objectKey, long size) {
        byte[] sha256 = null;
        try {
            sha256 = storage.get().sha256(objectKey).orElse(null);
        } catch (RuntimeException e) {
            // the seller's upload counts without it: the digest only feeds a staff signal
            JsonLog.warn("screenshot bytes not read for their digest", Map.of("objectKey", objectKey,
                    "error", String.valueOf(e.getMessage())));
        }
        byte[] digest = sha256;
        return Transaction.run(dataSource.get(), c -> {
            if (ScreenshotRepository.markUploaded(c, objectKey, size, digest)) {
                return true;
            }
            // an event later than the article that linked the screenshot still brings its digest
            if (digest != null) {
                ScreenshotRepository.recordDigest(c, objectKey, size, digest);
            }
            return false;
        });
    }
}
