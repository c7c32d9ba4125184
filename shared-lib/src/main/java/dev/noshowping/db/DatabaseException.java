package dev.noshowping.db;

import java.sql.SQLException;

/** A database failure that is our fault or the database's, never the caller's: becomes a 500. */
public final class DatabaseException extends RuntimeException {

    public DatabaseException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public String sqlState() {
        return ((SQLException) getCause()).getSQLState();
    }

    /** PostgreSQL's unique_violation. */
    public boolean isUniqueViolation() {
        return "23505".equals(sqlState());
    }
}
