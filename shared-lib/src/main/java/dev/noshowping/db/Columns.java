package dev.noshowping.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Result columns whose SQL null is a Java null. */
public final class Columns {

    private Columns() {
    }

    /** A {@code timestamptz} column as an instant; null when the column is. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
