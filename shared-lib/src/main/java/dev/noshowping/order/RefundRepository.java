package dev.noshowping.order;

import dev.noshowping.db.NamedSql;
import dev.noshowping.db.NamedStatement;
import dev.noshowping.privacy.PhoneMask;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SQL of refunds: one row per refunded order, written in the transaction that decides the refund
 * and marked done when Toss has done it. Each attempt after a definite refusal gets a new
 * Idempotency-Key ({@code refund-<orderId>-<attempt>}); an attempt whose answer was lost keeps
 * its key, so asking again can never refund twice.
 */
public final class RefundRepository {

    public enum Reason { SELLER_CANCELED, TRANSFER_DEADLINE_MISSED, DISPUTE, ADMIN, OUTSIDE }

    /** Owed until Toss has done it. */
    enum Status { REQUESTED, DONE }

    /** A refund owed or done. */
    public record Refund(long id, long orderId, long amount, Reason reason, boolean done, int attempt,
                         String idempotencyKey, String lastError) {
    }

    private RefundRepository() {
    }

    static String key(String originOrderId, int attempt) {
        return "refund-" + originOrderId + "-" + attempt;
    }

    /** Records the refund a move to REFUNDING decided, in that move's transaction. */
    public static void request(Connection c, long orderId, String originOrderId, long amount, Reason reason)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                insert into refund (order_id, amount, reason, idempotency_key) values (?, ?, ?, ?)""")) {
            s.setLong(1, orderId);
            s.setLong(2, amount);
            s.setString(3, reason.name());
            s.setString(4, key(originOrderId, 1));
            s.executeUpdate();
        }
    }

    public static Optional<Refund> ofOrder(Connection c, long orderId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select id, order_id, amount, reason, status, attempt, idempotency_key, last_error
                from refund where order_id = ?""")) {
            s.setLong(1, orderId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Refund(rs.getLong("id"), rs.getLong("order_id"), rs.getLong("amount"),
                        Reason.valueOf(rs.getString("reason")), Status.valueOf(rs.getString("status")) == Status.DONE,
                        rs.getInt("attempt"), rs.getString("idempotency_key"), rs.getString("last_error")));
            }
        }
    }

    /** Toss did it. */
    public static void done(Connection c, long orderId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                update refund set status = 'DONE', done_at = now(), last_error = null
                where order_id = ? and status = 'REQUESTED'""")) {
            s.setLong(1, orderId);
            s.executeUpdate();
        }
    }

    /**
     * Toss refunded the whole payment without our asking (staff in Toss's console, or our own
     * refund whose answer we never read): the refund is recorded as done, ours or a new row.
     */
    public static void doneOutside(Connection c, long orderId, String originOrderId, long amount) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                insert into refund (order_id, amount, reason, status, idempotency_key, done_at)
                values (?, ?, 'OUTSIDE', 'DONE', ?, now())
                on conflict (order_id) do update set status = 'DONE', done_at = now(), last_error = null
                where refund.status = 'REQUESTED'""")) {
            s.setLong(1, orderId);
            s.setLong(2, amount);
            s.setString(3, "outside-" + originOrderId);
            s.executeUpdate();
        }
    }

    /** Toss answered no: the next attempt uses a new key (Toss replays a refusal for its key). */
    public static void refused(Connection c, long orderId, String originOrderId, int attempt, String error)
            throws SQLException {
        try (NamedStatement s = REFUSED.prepare(c)) {
            s.set("next", attempt + 1).setString("nextKey", key(originOrderId, attempt + 1));
            s.setString("error", PhoneMask.in(error));
            s.set("order", orderId).set("attempt", attempt);
            s.executeUpdate();
        }
    }

    private static final NamedSql REFUSED = NamedSql.parse("""
            update refund set attempt = :next, idempotency_key = :nextKey, last_error = left(:error, 500)
            where order_id = :order and status = 'REQUESTED' and attempt = :attempt""");

    /** No answer (or Toss's own trouble): the same key again later, which can never refund twice. */
    public static void deferred(Connection c, long orderId, String error) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                update refund set last_error = left(?, 500) where order_id = ? and status = 'REQUESTED'""")) {
            s.setString(1, PhoneMask.in(error));
            s.setLong(2, orderId);
            s.executeUpdate();
        }
    }

    /** Orders whose refund is owed and was not tried for {@code idleSeconds}: a run that stopped, a refusal. */
    public static List<Long> owed(Connection c, int idleSeconds, int maxAttempts, int limit) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                select order_id from refund
                where status = 'REQUESTED' and updated_at < now() - make_interval(secs => ?) and attempt <= ?
                order by updated_at limit ?""")) {
            s.setInt(1, idleSeconds);
            s.setInt(2, maxAttempts);
            s.setInt(3, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong("order_id"));
                }
            }
        }
        return ids;
    }
}
