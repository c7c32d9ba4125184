package dev.noshowping.watch;

import dev.noshowping.article.ArticleStatus;
import dev.noshowping.db.NamedSql;
import dev.noshowping.db.NamedStatement;
import dev.noshowping.outbox.Outbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** {@code article_watch}: who follows which article, and {@code watch_notice}: whom each event has told. */
public final class WatchRepository {

    private WatchRepository() {
    }

    /** Whether the user with {@code subject} watches the article. */
    public static boolean watchedBy(Connection c, long articleId, String subject) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select 1 from article_watch w join app_user u on u.id = w.user_id
                where w.article_id = ? and u.external_subject = ?""")) {
            s.setLong(1, articleId);
            s.setString(2, subject);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    static boolean watches(Connection c, long articleId, long userId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select 1 from article_watch where article_id = ? and user_id = ?")) {
            s.setLong(1, articleId);
            s.setLong(2, userId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** How many articles the user watches that have not ended ({@link ArticleStatus#ended}). */
    static int liveCountOf(Connection c, long userId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select count(*) from article_watch w join article a on a.id = w.article_id
                where w.user_id = ? and a.status <> all (?)""")) {
            s.setLong(1, userId);
            s.setArray(2, c.createArrayOf("text", Arrays.stream(ArticleStatus.values())
                    .filter(ArticleStatus::ended).map(Enum::name).toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Watches the article; watching it again changes nothing. */
    static void add(Connection c, long articleId, long userId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                insert into article_watch (article_id, user_id) values (?, ?)
                on conflict on constraint article_watch_once do nothing""")) {
            s.setLong(1, articleId);
            s.setLong(2, userId);
            s.executeUpdate();
        }
    }

    /** Stops the watch of the user with {@code subject}; false when there was none. */
    static boolean remove(Connection c, long articleId, String subject) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                delete from article_watch w using app_user u
                where w.article_id = ? and u.id = w.user_id and u.external_subject = ?""")) {
            s.setLong(1, articleId);
            s.setString(2, subject);
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Writes {@code event}'s outbox row for the article, in the caller's transaction, if it is on sale
     * and someone watches it other than its seller and {@code causedByUserId} (who already knows);
     * nothing otherwise, so an unwatched article costs no message. {@code previousPrice} is the price
     * before a drop, null for a return to sale. Returns whether a row was written.
     */
    public static boolean announce(Connection c, WatchEvent event, long articleId, Long causedByUserId, Long previousPrice)
            throws SQLException {
        try (NamedStatement s = WATCHED_ON_SALE.prepare(c)) {
            s.set("article", articleId).set("causedBy", causedByUserId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("articleId", articleId);
                payload.put("articleTitle", rs.getString("title"));
                payload.put("salePrice", rs.getLong("sale_price"));
                payload.put("sellerUserId", rs.getLong("seller_user_id"));
                if (previousPrice != null) {
                    payload.put("previousPrice", previousPrice);
                }
                if (causedByUserId != null) {
                    payload.put("causedByUserId", causedByUserId);
                }
                Outbox.add(c, event.topic(), payload);
                return true;
            }
        }
    }

    private static final NamedSql WATCHED_ON_SALE = NamedSql.parse("""
            select a.title, a.sale_price, m.user_id as seller_user_id
            from article a join merchant m on m.id = a.merchant_id
            where a.id = :article and a.status = 'ON_SALE'
              and exists (select 1 from article_watch w
                          where w.article_id = a.id and w.user_id <> m.user_id
                            and w.user_id is distinct from :causedBy::bigint)""");

    /**
     * One notice per watcher of the event's article (but its seller and whoever caused it): a
     * {@code watch_notice} row and, only for the rows this call inserted, the watcher's own outbox
     * row ({@code event.noticeTopic()}, the event's payload plus {@code recipientUserId}), in one
     * statement. The unique (event, watcher) makes a second delivery of the event insert nothing.
     * Returns how many watchers were newly told.
     */
    public static int fanOut(Connection c, UUID eventId, WatchEvent event, long articleId, long sellerUserId,
                             Long causedByUserId, String payloadJson) throws SQLException {
        try (NamedStatement s = FAN_OUT.prepare(c)) {
            s.set("event", eventId).set("article", articleId).set("seller", sellerUserId).set("causedBy", causedByUserId);
            s.setString("topic", event.noticeTopic()).setString("payload", payloadJson);
            return s.executeUpdate();
        }
    }

    private static final NamedSql FAN_OUT = NamedSql.parse("""
            with fresh as (
                insert into watch_notice (event_id, user_id, notice_id)
                select :event, w.user_id, gen_random_uuid()
                from article_watch w
                where w.article_id = :article and w.user_id <> :seller and w.user_id is distinct from :causedBy::bigint
                on conflict (event_id, user_id) do nothing
                returning user_id, notice_id)
            insert into outbox (id, topic, payload)
            select f.notice_id, :topic, :payload::jsonb || jsonb_build_object('recipientUserId', f.user_id,
                                                                              'eventId', :event::text)
            from fresh f""");
}
