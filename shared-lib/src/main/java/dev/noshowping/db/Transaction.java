package dev.noshowping.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One unit of work on one connection: committed when the work returns, rolled back when it
 * throws. pgjdbc sends the BEGIN together with the first statement, so a transaction costs no
 * round trip of its own beyond the COMMIT.
 */
public final class Transaction {

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Transaction() {
    }

    public static <T> T run(DataSource dataSource, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /** Autocommit work: one statement, or reads that need no snapshot across statements. */
    public static <T> T read(DataSource dataSource, Work<T> work) {
        return autocommit(dataSource, work);
    }

    /**
     * Work whose statements each stand alone (each is its own transaction): no BEGIN, no COMMIT
     * round trip. For a write made of one statement, atomic by itself, or of independent ones.
     */
    public static <T> T autocommit(DataSource dataSource, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }
}
