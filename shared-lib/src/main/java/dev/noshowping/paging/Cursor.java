package dev.noshowping.paging;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The opaque cursor of keyset pages: the last row's sort key parts, joined with {@code |} and
 * base64url-encoded, so clients pass it back without reading it.
 */
public final class Cursor {

    private Cursor() {
    }

    public static String encode(Object... parts) {
        StringBuilder key = new StringBuilder();
        for (Object part : parts) {
            if (!key.isEmpty()) {
                key.append('|');
            }
            key.append(part);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The parts of a cursor with exactly {@code count} of them; empty for anything else. */
    public static Optional<String[]> decode(String cursor, int count) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            return parts.length == count ? Optional.of(parts) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
