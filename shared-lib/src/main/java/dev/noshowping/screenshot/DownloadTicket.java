package dev.noshowping.screenshot;

import java.time.Instant;

public record DownloadTicket(long screenshotId, String url, Instant expiresAt) {
}
