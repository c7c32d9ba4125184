package dev.noshowping.idempotency;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** SQL of stored answers ({@code idempotency_key}): a key claimed, answered, found again, forgotten. */
public final class IdempotencyKeyRepository {

    /**
     * A key's stored answer: what the use case stored to rebuild it ({@code seed}, a JSON object),
     * or its bytes ({@code response}, rows written before migration V6, always of a 201).
     */
    public record StoredAnswer(String requestHash, String response, String seed) {
    }

    private IdempotencyKeyRepository() {
    }

    /**
     * Claims {@code key} for this request, in the caller's transaction; false if it is taken. The
     * primary key decides: a request claiming a key another transaction claimed waits for it to
     * end, then takes the key (that one rolled back) or finds its answer (it committed).
     */
    public static boolean claim(Connection c, long userId, String key, String requestHash) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                insert into idempotency_key (user_id, key, request_hash) values (?, ?, ?)
                on conflict (user_id, key) do nothing""")) {
            s.setLong(1, userId);
            s.setString(2, key);
            s.setString(3, requestHash);
            return s.executeUpdate() == 1;
        }
    }

    /** Stores the answer of a claimed key: its status and a JSON object it is rebuilt from. */
    public static void answer(Connection c, long userId, String key, int status, String seed) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "update idempotency_key set response_status = ?, answer_seed = ?::jsonb where user_id = ? and key = ?")) {
            s.setInt(1, status);
            s.setString(2, seed);
            s.setLong(3, userId);
            s.setString(4, key);
            if (s.executeUpdate() != 1) {
                throw new IllegalStateException("idempotency key " + key + " was not claimed");
            }
        }
    }

    public static Optional<StoredAnswer> find(Connection c, long userId, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select request_hash, response::text as response, answer_seed::text as answer_seed
                from idempotency_key where user_id = ? and key = ?""")) {
            s.setLong(1, userId);
            s.setString(2, key);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredAnswer(rs.getString("request_hash"), rs.getString("response"),
                        rs.getString("answer_seed")));
            }
        }
    }

    /** Forgets up to {@code limit} keys created before {@code createdBefore}, oldest first. */
    public static int forgetCreatedBefore(Connection c, Instant createdBefore, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                delete from idempotency_key k
                using (select user_id, key from idempotency_key where created_at < ?
                       order by created_at limit ? for update skip locked) old
                where k.user_id = old.user_id and k.key = old.key""")) {
            s.setTimestamp(1, Timestamp.from(createdBefore));
            s.setInt(2, limit);
            return s.executeUpdate();
        }
    }
}
