package dev.noshowping.order;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** SQL of the webhook inbox ({@code payment_event}) outside {@link TossWebhook}, which writes it. */
public final class PaymentEventRepository {

    private PaymentEventRepository() {
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
