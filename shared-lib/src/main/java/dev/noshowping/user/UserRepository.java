package dev.noshowping.user;

import dev.noshowping.http.Caller;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** {@code app_user}: the one place personal data lives, keyed by the identity provider's subject. */
public final class UserRepository {

    private UserRepository() {
    }

    /**
     * The caller's user id, creating the row on first sight. Known users cost no identity value
     * (an {@code insert … on conflict} would burn one every time: lesson 3). A verified phone number
     * in the token is kept (it is where alimtalk goes); it is written only when it changed.
     */
    public static long ensure(Connection c, Caller caller) throws SQLException {
        for (int attempt = 0; attempt < 2; attempt++) {
            try (var s = c.prepareStatement("""
                    with found as (select id, phone from app_user where external_subject = ?),
                    created as (
                        insert into app_user (external_subject, role, phone)
                        select ?, ?, ? where not exists (select 1 from found)
                        on conflict (external_subject) do nothing
                        returning id, phone)
                    select id, phone from found union all select id, phone from created""")) {
                s.setString(1, caller.subject());
                s.setString(2, caller.subject());
                s.setString(3, caller.role().name());
                s.setString(4, caller.phone());
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        long id = rs.getLong(1);
                        if (caller.phone() != null && !caller.phone().equals(rs.getString(2))) {
                            updatePhone(c, id, caller.phone());
                        }
                        return id;
                    }
                }
            }
            // a concurrent first request created the row between our look-up and insert: read it
        }
        throw new SQLException("could not create or find app_user for " + caller.subject());
    }

    public static Optional<Long> find(Connection c, String subject) throws SQLException {
        try (var s = c.prepareStatement("select id from app_user where external_subject = ?")) {
            s.setString(1, subject);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    public static void updatePhone(Connection c, long userId, String phone) throws SQLException {
        try (var s = c.prepareStatement("update app_user set phone = ? where id = ? and phone is distinct from ?")) {
            s.setString(1, phone);
            s.setLong(2, userId);
            s.setString(3, phone);
            s.executeUpdate();
        }
    }
}
