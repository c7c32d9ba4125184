package dev.noshowping.user;

import dev.noshowping.identity.Caller;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/** {@code app_user}: the one place personal data lives, keyed by the identity provider's subject. */
public final class UserRepository {

    private UserRepository() {
    }

    /**
     * The caller's user id, creating the row on first sight; a verified phone number in the token
     * is kept, written only when it changed. One statement: {@code app_user_ensure} (migration V7)
     * holds the logic, so the hold can run it inside its own statement.
     */
    public static long ensure(Connection c, Caller caller) throws SQLException {
        try (var s = c.prepareStatement("select app_user_ensure(?, ?, ?)")) {
            s.setString(1, caller.subject());
            s.setString(2, caller.role().name());
            s.setString(3, caller.phone());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
