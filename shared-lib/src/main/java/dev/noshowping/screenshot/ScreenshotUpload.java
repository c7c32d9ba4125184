package dev.noshowping.screenshot;

/** {@code POST /images} body. */
public record ScreenshotUpload(String contentType, Long sizeBytes) {
}
