package dev.noshowping.user;

import dev.noshowping.identity.Caller;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** {@code app_user}: the one place personal data lives, keyed by the identity provider's subject. */
public final class UserRepository {

    private UserRepository() {
    }

    /** The caller's user id, creating the row on first sight; see {@link #ensure(Connection, Caller, Optional)}. */
    public static long ensure(Connection c, Caller caller) throws SQLException {
        return ensure(c, caller, find(c, caller.subject()));
    }

    /**
     * The caller's user id, given their row as already read ({@code known}, empty if there was
     * none). A first sight inserts the row; the look-up comes first because an insert burns an
     * identity value even when it conflicts. A verified phone in the token is written only when it
     * changed ({@link AppUser#phoneToWrite}).
     */
    public static long ensure(Connection c, Caller caller, Optional<AppUser> known) throws SQLException {
        AppUser user;
        if (known.isPresent()) {
            user = known.get();
        } else {
            Optional<Long> created = insert(c, caller);
            if (created.isPresent()) {
                return created.get();
            }
            // a concurrent first request inserted the row: our insert waited for its commit, so this
            // next statement (read committed) sees it
            user = find(c, caller.subject()).orElseThrow(() ->
                    new IllegalStateException("app_user " + caller.subject() + " conflicted yet cannot be found"));
        }
        Optional<String> phone = user.phoneToWrite(caller);
        if (phone.isPresent()) {
            setPhone(c, user.id(), phone.get());
        }
        return user.id();
    }

    /**
     * Locks the user's row until the transaction ends: what a user may have only so many of (live
     * saved searches) is counted under it, so two creates at once count one after the other.
     */
    public static void lock(Connection c, long userId) throws SQLException {
        try (var s = c.prepareStatement("select id from app_user where id = ? for update")) {
            s.setLong(1, userId);
            s.executeQuery().close();
        }
    }

    public static Optional<AppUser> find(Connection c, String subject) throws SQLException {
        try (var s = c.prepareStatement("select id, phone from app_user where external_subject = ?")) {
            s.setString(1, subject);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new AppUser(rs.getLong("id"), rs.getString("phone"))) : Optional.empty();
            }
        }
    }

    /** The caller's row, unless one with their subject exists (then empty: nothing written). */
    private static Optional<Long> insert(Connection c, Caller caller) throws SQLException {
        try (var s = c.prepareStatement("""
                insert into app_user (external_subject, role, phone) values (?, ?, ?)
                on conflict (external_subject) do nothing
                returning id""")) {
            s.setString(1, caller.subject());
            s.setString(2, caller.role().name());
            s.setString(3, caller.phone());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong("id")) : Optional.empty();
            }
        }
    }

    private static void setPhone(Connection c, long userId, String phone) throws SQLException {
        try (var s = c.prepareStatement("update app_user set phone = ? where id = ?")) {
            s.setString(1, phone);
            s.setLong(2, userId);
            s.executeUpdate();
        }
    }
}
