package dev.noshowping.admin;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** SQL of {@code queue_redrive}: one row per move staff started, never changed. */
final class QueueRedriveRepository {

    record Inserted(long id, Instant createdAt) {
    }

    private QueueRedriveRepository() {
    }

    static Inserted insert(Connection c, String deadLetterQueue, String taskHandle, int messages, String adminSubject)
            throws SQLException {
        try (var s = c.prepareStatement("""
                insert into queue_redrive (dead_letter_queue, task_handle, messages, admin_subject)
                values (?, ?, ?, ?) returning id, created_at""")) {
            s.setString(1, deadLetterQueue);
            s.setString(2, taskHandle);
            s.setInt(3, messages);
            s.setString(4, adminSubject);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Inserted(rs.getLong("id"), rs.getTimestamp("created_at").toInstant());
            }
        }
    }
}
