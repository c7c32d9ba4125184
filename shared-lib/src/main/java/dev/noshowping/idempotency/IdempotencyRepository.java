package dev.noshowping.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Answers of requests sent with an {@code Idempotency-Key}: stored in the transaction that did the
 * work, so a repeat finds either nothing (the work did not happen) or the first answer.
 */
public final class IdempotencyRepository {

    public static final Pattern KEY = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");

    private IdempotencyRepository() {
    }

    public static void insert(Connection c, long userId, String key, String requestHash, int status, String body)
            throws SQLException {
        try (var s = c.prepareStatement("""
                insert into idempotency_key (user_id, key, request_hash, response_status, response)
                values (?, ?, ?, ?, ?)""")) {
            s.setLong(1, userId);
            s.setString(2, key);
            s.setString(3, requestHash);
            s.setInt(4, status);
            s.setString(5, body);
            s.executeUpdate();
        }
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
