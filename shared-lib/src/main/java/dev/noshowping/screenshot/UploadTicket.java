package dev.noshowping.screenshot;

import java.time.Instant;
import java.util.Map;

/** What the app needs to upload one screenshot straight to S3. */
public record UploadTicket(long screenshotId, String uploadUrl, String method, Map<String, String> headers,
                           Instant expiresAt) {
}
