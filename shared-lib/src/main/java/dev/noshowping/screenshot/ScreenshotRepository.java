package dev.noshowping.screenshot;

import dev.noshowping.order.OrderStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL of screenshots: PENDING (URL issued) → UPLOADED (object seen) → LINKED (to a reservation). */
public final class ScreenshotRepository {

    private ScreenshotRepository() {
    }

    public static long insertPending(Connection c, long ownerUserId, String objectKey, String contentType, long size)
            throws SQLException {
        try (var s = c.prepareStatement("""
                insert into screenshot (owner_user_id, object_key, content_type, size_bytes, status)
                values (?, ?, ?, ?, ?) returning id""")) {
            s.setLong(1, ownerUserId);
            s.setString(2, objectKey);
            s.setString(3, contentType);
            s.setLong(4, size);
            s.setString(5, ScreenshotStatus.PENDING.name());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong("id");
            }
        }
    }

    /**
     * From an S3 {@code ObjectCreated} event; the size must match what was signed. {@code sha256} is
     * the digest of the bytes uploaded, or null when they could not be read.
     */
    public static boolean markUploaded(Connection c, String objectKey, long size, byte[] sha256) throws SQLException {
        try (var s = c.prepareStatement("""
                update screenshot set status = ?, content_sha256 = ?
                where object_key = ? and status = ? and size_bytes = ?""")) {
            s.setString(1, ScreenshotStatus.UPLOADED.name());
            s.setBytes(2, sha256);
            s.setString(3, objectKey);
            s.setString(4, ScreenshotStatus.PENDING.name());
            s.setLong(5, size);
            return s.executeUpdate() == 1;
        }
    }

    /**
     * The digest of an object whose screenshot moved on before S3's event came (article create
     * found the object itself); a digest once kept is not replaced.
     */
    public static boolean recordDigest(Connection c, String objectKey, long size, byte[] sha256) throws SQLException {
        try (var s = c.prepareStatement("""
                update screenshot set content_sha256 = ?
                where object_key = ? and size_bytes = ? and content_sha256 is null""")) {
            s.setBytes(1, sha256);
            s.setString(2, objectKey);
            s.setLong(3, size);
            return s.executeUpdate() == 1;
        }
    }

    /**
     * The object key of screenshot {@code id} if {@code subject} may see it: its owner, an admin,
     * the buyer of an order for its article once the booking is theirs (from the transfer on), and
     * both parties of an order it is attached to as proof or evidence. Anyone else learns nothing.
     */
    public static Optional<String> visibleKey(Connection c, long id, String subject, boolean admin) throws SQLException {
        try (var s = c.prepareStatement("""
                select s.object_key
                from screenshot s
                left join app_user me on me.external_subject = ?
                left join reservation r on r.id = s.reservation_id
                where s.id = ?
                  and (? or s.owner_user_id = me.id
                       or exists (select 1 from orders o
                                  where o.article_id = r.article_id and o.buyer_user_id = me.id
                                    and o.status = any(?))
                       or exists (select 1 from order_evidence e join orders o on o.id = e.order_id
                                  where e.screenshot_id = s.id
                                    and me.id in (o.buyer_user_id, o.seller_user_id)))""")) {
            s.setString(1, subject);
            s.setLong(2, id);
            s.setBoolean(3, admin);
            s.setArray(4, c.createArrayOf("text", OrderStatus.namesWhereBuyerSeesBooking()));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString("object_key")) : Optional.empty();
            }
        }
    }

    /**
     * Deletes up to {@code limit} screenshots created before {@code createdBefore} that never got a
     * use (not linked to a reservation, not attached to an order), oldest first, and queues their
     * objects for deletion in the same statement. Rows a concurrent link or attach holds are
     * skipped; a row linked meanwhile fails the re-check under the lock and stays.
     */
    public static int forgetUnused(Connection c, Instant createdBefore, int limit) throws SQLException {
        try (var s = c.prepareStatement("""
                with unused as (
                    select s.id from screenshot s
                    where s.status <> 'LINKED' and s.created_at < ?
                      and not exists (select 1 from order_evidence e where e.screenshot_id = s.id)
                    order by s.created_at limit ?
                    for update of s skip locked),
                gone as (
                    delete from screenshot s using unused u
                    where s.id = u.id and s.status <> 'LINKED'
                    returning s.object_key)
                insert into screenshot_object_deletion (object_key)
                select object_key from gone
                on conflict (object_key) do nothing""")) {
            s.setTimestamp(1, Timestamp.from(createdBefore));
            s.setInt(2, limit);
            return s.executeUpdate();
        }
    }

    /** Objects whose rows are gone, oldest first: each still to be deleted from the bucket. */
    public static List<String> objectsToDelete(Connection c, int limit) throws SQLException {
        try (var s = c.prepareStatement(
                "select object_key from screenshot_object_deletion order by queued_at, object_key limit ?")) {
            s.setInt(1, limit);
            List<String> keys = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString("object_key"));
                }
            }
            return keys;
        }
    }

    public static void objectDeleted(Connection c, String objectKey) throws SQLException {
        try (var s = c.prepareStatement("delete from screenshot_object_deletion where object_key = ?")) {
            s.setString(1, objectKey);
            s.executeUpdate();
        }
    }
}
