package dev.noshowping.admin;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** SQL of the audit log: rows are added in the transaction of the change they record, never changed. */
public final class AdminActionRepository {

    private AdminActionRepository() {
    }

    public static void record(Connection c, String adminSubject, AdminActionKind kind, long targetId, String reason)
            throws SQLException {
        try (var s = c.prepareStatement("""
                insert into admin_action (admin_subject, kind, target_type, target_id, reason)
                values (?, ?, ?, ?, ?)""")) {
            s.setString(1, adminSubject);
            s.setString(2, kind.name());
            s.setString(3, kind.target().name());
            s.setLong(4, targetId);
            s.setString(5, reason);
            s.executeUpdate();
        }
    }

    /** Newest first, before action {@code beforeId}; of one target when {@code target} is given. */
    public static List<AdminAction> page(Connection c, AdminTarget targetType, Long targetId, long beforeId, int limit)
            throws SQLException {
        try (var s = c.prepareStatement("""
                select id, admin_subject, kind, target_type, target_id, reason, created_at
                from admin_action
                where id < ? and (?::text is null or target_type = ?) and (?::bigint is null or target_id = ?)
                order by id desc
                limit ?""")) {
            String type = targetType == null ? null : targetType.name();
            s.setLong(1, beforeId);
            s.setString(2, type);
            s.setString(3, type);
            s.setObject(4, targetId);
            s.setObject(5, targetId);
            s.setInt(6, limit);
            List<AdminAction> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new AdminAction(rs.getLong("id"), rs.getString("admin_subject"),
                            AdminActionKind.valueOf(rs.getString("kind")), AdminTarget.valueOf(rs.getString("target_type")),
                            rs.getLong("target_id"), rs.getString("reason"), rs.getTimestamp("created_at").toInstant()));
                }
            }
            return out;
        }
    }
}
