package dev.noshowping.order;

import dev.noshowping.db.Columns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** SQL of the webhook inbox ({@code payment_event}) outside {@link TossWebhook}, which writes it. */
public final class PaymentEventRepository {

    private PaymentEventRepository() {
    }

    /** A webhook event as staff see it on an order: what arrived, when, and whether it was applied. */
    public record Line(String eventType, Instant receivedAt, Instant appliedAt) {
    }

    /** The order's events, in the order they arrived (payloads stay out: they carry the buyer's data). */
    public static List<Line> ofOrder(Connection c, long orderId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select event_type, received_at, applied_at from payment_event where order_id = ? order by id""")) {
            s.setLong(1, orderId);
            List<Line> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Line(rs.getString("event_type"), rs.getTimestamp("received_at").toInstant(),
                            Columns.instant(rs, "applied_at")));
                }
            }
            return out;
        }
    }

    /** Forgets up to {@code limit} events received before {@code receivedBefore}, oldest first. */
    public static int forgetReceivedBefore(Connection c, Instant receivedBefore, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                delete from payment_event where id in (
                    select id from payment_event where received_at < ?
                    order by received_at limit ? for update skip locked)""")) {
            s.setTimestamp(1, Timestamp.from(receivedBefore));
            s.setInt(2, limit);
            return s.executeUpdate();
        }
    }
}
