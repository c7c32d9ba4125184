package dev.noshowping.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Requests sent with an {@code Idempotency-Key}: the key's format and the request's hash. The use
 * case claims the key and stores its answer in the transaction that does the work (for article
 * create, {@code CreateArticle}), so a repeat finds either nothing (the work did not happen) or the
 * first answer.
 */
public final class IdempotencyKey {

    public static final Pattern KEY = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");

    private IdempotencyKey() {
    }

    /** SHA-256 of the request as sent, lower-case hex: a key reused for another request is refused. */
    public static String hash(String routeKey, String body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(routeKey.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
