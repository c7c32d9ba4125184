package dev.noshowping.order;

import dev.noshowping.db.NamedSql;
import dev.noshowping.db.NamedStatement;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL of disputes: opened by the buyer in the move to DISPUTED, resolved once by staff. */
public final class DisputeRepository {

    private DisputeRepository() {
    }

    public static long open(Connection c, long orderId, DisputeReason reason, String description) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "insert into dispute (order_id, reason, description) values (?, ?, ?) returning id")) {
            s.setLong(1, orderId);
            s.setString(2, reason.name());
            s.setString(3, description);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong("id");
            }
        }
    }

    private static final String SELECT = """
            select d.id, d.order_id, o.origin_order_id, o.amount, a.title, d.reason, d.description, d.status,
                   d.outcome, d.refund_amount, d.resolution_note, d.resolved_at, d.created_at,
                   (select coalesce(array_agg(e.screenshot_id order by e.screenshot_id), '{}') from order_evidence e
                    where e.order_id = d.order_id and e.kind = 'DISPUTE') as screenshot_ids
            from dispute d join orders o on o.id = d.order_id join article a on a.id = o.article_id
            """;

    public static Optional<DisputeView> find(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SELECT + "where d.id = ?")) {
            s.setLong(1, id);
            List<DisputeView> found = list(s);
            return found.stream().findFirst();
        }
    }

    public static Optional<DisputeView> ofOrder(Connection c, long orderId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SELECT + "where d.order_id = ?")) {
            s.setLong(1, orderId);
            return list(s).stream().findFirst();
        }
    }

    /** Disputes in {@code status}, oldest first (the queue staff work through), after the keyset position. */
    public static List<DisputeView> page(Connection c, DisputeStatus status, Instant afterCreatedAt, long afterId, int limit)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SELECT + """
                where d.status = ? and (d.created_at, d.id) > (?, ?)
                order by d.created_at, d.id limit ?""")) {
            s.setString(1, status.name());
            s.setTimestamp(2, Timestamp.from(afterCreatedAt));
            s.setLong(3, afterId);
            s.setInt(4, limit);
            return list(s);
        }
    }

    /** Resolves an open dispute; false if someone resolved it first. */
    public static boolean resolve(Connection c, long id, DisputeOutcome outcome, Long refundAmount, String note,
                                  long adminUserId) throws SQLException {
        try (NamedStatement s = RESOLVE.prepare(c)) {
            s.setEnum("resolved", DisputeStatus.RESOLVED).setEnum("open", DisputeStatus.OPEN);
            s.setEnum("outcome", outcome);
            s.set("refundAmount", outcome == DisputeOutcome.PARTIAL_REFUND ? refundAmount : null);
            s.setString("note", note).set("admin", adminUserId).set("id", id);
            return s.executeUpdate() == 1;
        }
    }

    private static final NamedSql RESOLVE = NamedSql.parse("""
            update dispute set status = :resolved, outcome = :outcome, refund_amount = :refundAmount,
                   resolution_note = :note, resolved_by_user_id = :admin, resolved_at = now()
            where id = :id and status = :open""");

    private static List<DisputeView> list(PreparedStatement s) throws SQLException {
        List<DisputeView> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                Array shots = rs.getArray("screenshot_ids");
                List<Long> ids = new ArrayList<>();
                for (Object o : (Object[]) shots.getArray()) {
                    ids.add(((Number) o).longValue());
                }
                Timestamp resolved = rs.getTimestamp("resolved_at");
                String outcome = rs.getString("outcome");
                out.add(new DisputeView(rs.getLong("id"), rs.getLong("order_id"), rs.getString("origin_order_id"),
                        rs.getLong("amount"), rs.getString("title"), DisputeReason.valueOf(rs.getString("reason")),
                        rs.getString("description"), List.copyOf(ids), DisputeStatus.valueOf(rs.getString("status")),
                        outcome == null ? null : DisputeOutcome.valueOf(outcome),
                        (Long) rs.getObject("refund_amount"), rs.getString("resolution_note"),
                        resolved == null ? null : resolved.toInstant(), rs.getTimestamp("created_at").toInstant()));
            }
        }
        return out;
    }
}
