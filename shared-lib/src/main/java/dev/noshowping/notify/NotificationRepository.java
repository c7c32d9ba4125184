package dev.noshowping.notify;

import dev.noshowping.db.Columns;
import dev.noshowping.db.NamedSql;
import dev.noshowping.db.NamedStatement;
import dev.noshowping.privacy.PhoneMask;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The notification record: one row per (outbox message, channel), the consumer's dedupe. */
public final class NotificationRepository {

    /** A claimed row: {@code status} is PENDING unless an earlier delivery finished it. */
    record Claim(long id, NotificationStatus status) {
        boolean finished() {
            return status.finished();
        }
    }

    private NotificationRepository() {
    }

    /**
     * Creates the row if it is new and locks it for this delivery. A concurrent delivery of the same
     * message waits (on the insert, or on the row lock) until the one sending commits, then sees the
     * row finished. The wait is bounded by the providers' timeouts, and by the lock timeout below.
     */
    static Claim claim(Connection c, UUID outboxId, Delivery.Channel channel, String template,
                       String recipient) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute("set local lock_timeout = '20s'");
            // above the lock wait, else the role's statement_timeout (15 s) would cut it first
            s.execute("set local statement_timeout = '25s'");
        }
        try (PreparedStatement s = c.prepareStatement("""
                insert into notification (outbox_id, channel, template, recipient) values (?, ?, ?, ?)
                on conflict (outbox_id, channel) do nothing""")) {
            s.setObject(1, outboxId);
            s.setString(2, channel.name());
            s.setString(3, template);
            s.setString(4, recipient);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("""
                select id, status from notification where outbox_id = ? and channel = ?
                for update""")) {
            s.setObject(1, outboxId);
            s.setString(2, channel.name());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();   // there is one: inserted above, or committed by the delivery we waited for
                return new Claim(rs.getLong("id"), NotificationStatus.valueOf(rs.getString("status")));
            }
        }
    }

    /** The user's phone (E.164), empty when they gave none. */
    static Optional<String> phone(Connection c, long userId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select phone from app_user where id = ?")) {
            s.setLong(1, userId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString("phone")) : Optional.empty();
            }
        }
    }

    static void record(Connection c, long id, SendOutcome outcome) throws SQLException {
        NotificationStatus status;
        String providerId = null;
        String error = null;
        switch (outcome) {
            case SendOutcome.Sent sent -> {
                status = NotificationStatus.SENT;
                providerId = sent.providerId();
            }
            case SendOutcome.Rejected rejected -> {
                status = NotificationStatus.FAILED;
                error = rejected.error();
            }
            case SendOutcome.Skipped skipped -> {
                status = NotificationStatus.SKIPPED;
                error = skipped.reason();
            }
            case SendOutcome.Retry retry -> {
                status = NotificationStatus.PENDING;
                error = retry.error();
            }
        }
        try (NamedStatement s = RECORD.prepare(c)) {
            s.setEnum("status", status);
            s.setString("providerId", providerId == null ? null : truncate(providerId, 200));
            s.setString("error", error == null ? null : truncate(PhoneMask.in(error), 2000));
            s.set("sent", status == NotificationStatus.SENT);
            s.set("id", id);
            s.executeUpdate();
        }
    }

    private static final NamedSql RECORD = NamedSql.parse("""
            update notification
            set status = :status, provider_message_id = :providerId, error = :error, attempts = attempts + 1,
                sent_at = case when :sent then now() end, updated_at = now()
            where id = :id""");

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    /**
     * What the order's events told whom, as staff see it: each outbox message about the order (by
     * its Toss orderId) with its deliveries, if any yet. The recipient stays out (a phone number).
     */
    public record Told(String topic, Instant writtenAt, Instant publishedAt, String channel, String template,
                       String status, String error, Instant sentAt) {
    }

    public static List<Told> ofOrder(Connection c, String originOrderId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select o.topic, o.created_at, o.published_at, n.channel, n.template, n.status, n.error, n.sent_at
                from outbox o left join notification n on n.outbox_id = o.id
                where o.payload->>'orderId' = ?
                order by o.created_at, n.id""")) {
            s.setString(1, originOrderId);
            List<Told> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Told(rs.getString("topic"), Columns.instant(rs, "created_at"),
                            Columns.instant(rs, "published_at"), rs.getString("channel"), rs.getString("template"),
                            rs.getString("status"), rs.getString("error"), Columns.instant(rs, "sent_at")));
                }
            }
            return out;
        }
    }

    /** A delivery as staff see it in the list of failures: what it was about, never to whom. */
    public record Line(long id, String topic, String orderId, Long articleId, String channel, String template,
                           NotificationStatus status, String error, Instant createdAt, Instant sentAt) {
    }

    /** Deliveries in {@code status}, newest first, before delivery {@code beforeId}. */
    public static List<Line> page(Connection c, NotificationStatus status, long beforeId, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select n.id, o.topic, o.payload->>'orderId' as order_id, (o.payload->>'articleId')::bigint as article_id,
                       n.channel, n.template, n.status, n.error, n.created_at, n.sent_at
                from notification n join outbox o on o.id = n.outbox_id
                where n.status = ? and n.id < ?
                order by n.id desc limit ?""")) {
            s.setString(1, status.name());
            s.setLong(2, beforeId);
            s.setInt(3, limit);
            List<Line> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Line(rs.getLong("id"), rs.getString("topic"), rs.getString("order_id"),
                            rs.getObject("article_id", Long.class), rs.getString("channel"), rs.getString("template"),
                            NotificationStatus.valueOf(rs.getString("status")), rs.getString("error"),
                            Columns.instant(rs, "created_at"), Columns.instant(rs, "sent_at")));
                }
            }
            return out;
        }
    }
}
