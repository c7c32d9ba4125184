package dev.noshowping.idempotency;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** SQL of stored answers ({@code idempotency_key}) outside the statements that write them. */
public final class IdempotencyKeyRepository {

    private IdempotencyKeyRepository() {
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
