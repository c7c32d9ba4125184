package dev.noshowping.watch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** {@code article_watch}: who follows which article. */
public final class WatchRepository {

    private WatchRepository() {
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
}
