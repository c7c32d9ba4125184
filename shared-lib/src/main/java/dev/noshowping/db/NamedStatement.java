package dev.noshowping.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A {@link PreparedStatement} of a {@link NamedSql}, its values bound by name. Running it with a
 * name left unbound fails before the database sees it, naming the parameter.
 */
public final class NamedStatement implements AutoCloseable {

    private final NamedSql sql;
    private final PreparedStatement statement;
    private final boolean[] bound;

    NamedStatement(NamedSql sql, PreparedStatement statement) {
        this.sql = sql;
        this.statement = statement;
        this.bound = new boolean[sql.parameterCount()];
    }

    @FunctionalInterface
    private interface Setter {
        void set(int position) throws SQLException;
    }

    private NamedStatement bind(String name, Setter setter) throws SQLException {
        for (int at : sql.positions(name)) {
            setter.set(at);
            bound[at - 1] = true;
        }
        return this;
    }

    /** A text value; bound as text even when null, so a null compares and coalesces as text. */
    public NamedStatement setString(String name, String value) throws SQLException {
        return bind(name, at -> statement.setString(at, value));
    }

    /** An enum by its name (null stays null): how every state is stored. */
    public NamedStatement setEnum(String name, Enum<?> value) throws SQLException {
        return setString(name, value == null ? null : value.name());
    }

    /**
     * Any other value, typed by the driver: a boxed number, {@code Boolean}, {@code byte[]},
     * {@code Timestamp}, {@code LocalDate}, {@code UUID}, a JDBC {@code Array}; a null is untyped, so
     * give it a cast in the SQL where nothing else tells PostgreSQL its type.
     */
    public NamedStatement set(String name, Object value) throws SQLException {
        return bind(name, at -> statement.setObject(at, value));
    }

    private void requireBound() {
        for (int i = 0; i < bound.length; i++) {
            if (!bound[i]) {
                throw new IllegalStateException("parameter :" + sql.nameAt(i + 1) + " not bound in: " + sql.jdbc());
            }
        }
    }

    public ResultSet executeQuery() throws SQLException {
        requireBound();
        return statement.executeQuery();
    }

    public int executeUpdate() throws SQLException {
        requireBound();
        return statement.executeUpdate();
    }

    public boolean execute() throws SQLException {
        requireBound();
        return statement.execute();
    }

    /** Adds the values bound so far as one row of a batch; they stay bound for the next row to overwrite. */
    public void addBatch() throws SQLException {
        requireBound();
        statement.addBatch();
    }

    public int[] executeBatch() throws SQLException {
        return statement.executeBatch();
    }

    /** The statement itself, for what a name does not change (fetch size, a result set's metadata). */
    public PreparedStatement statement() {
        return statement;
    }

    @Override
    public void close() throws SQLException {
        statement.close();
    }
}
