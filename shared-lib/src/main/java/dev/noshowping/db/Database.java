package dev.noshowping.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.noshowping.config.Environment;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * The one connection pool of this execution environment.
 *
 * <p>Created lazily on first use, so an invocation that never touches the database (a 501, a
 * validation error) does not pay for a connection, and a cold start does not either. Survives
 * between invocations. Registered with CRaC so a SnapStart snapshot never holds open sockets:
 * the pool is closed before the checkpoint and recreated lazily after restore.
 */
public final class Database implements Resource {

    private static final Database INSTANCE = new Database();

    private volatile HikariDataSource pool;

    private Database() {
        Core.getGlobalContext().register(this);
    }

    /** The execution environment's pool, created on first call from {@link Environment#current()}. */
    public static DataSource dataSource() {
        return INSTANCE.pool();
    }

    private HikariDataSource pool() {
        HikariDataSource p = pool;
        if (p == null) {
            synchronized (this) {
                p = pool;
                if (p == null) {
                    p = open(DatabaseSettings.from(Environment.current()));
                    pool = p;
                }
            }
        }
        return p;
    }

    /** Closes the pool; the next {@link #dataSource()} opens a new one (new settings included). */
    public static void reset() {
        INSTANCE.close();
    }

    private synchronized void close() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    static HikariDataSource open(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("noshowping");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        // pgjdbc's socketTimeout (seconds); a socketTimeout in DATABASE_URL itself wins over this
        config.addDataSourceProperty("socketTimeout", Integer.toString(settings.socketTimeoutSeconds()));
        // Told the server is at least 9.0, pgjdbc puts application_name in the startup packet instead
        // of a SET after login, and RDS Proxy pins a client to one server connection after any SET
        // (NoSessionSetOnConnectTest reads it off the wire).
        config.addDataSourceProperty("assumeMinServerVersion", "9.0");
        // Only unnamed statements: pgjdbc names a statement on the server from its fifth execution,
        // and a named server-side statement is session state, which RDS Proxy answers by pinning.
        // Our statements are short; parsing each again costs less than a pinned proxy connection.
        config.addDataSourceProperty("prepareThreshold", "0");
        // A frozen execution environment must not hold idle connections it cannot tend.
        config.setMinimumIdle(0);
        config.setConnectionTimeout(settings.connectionTimeoutMillis());
        config.setIdleTimeout(60_000);
        // Below RDS Proxy's idle client timeout, so the pool retires connections before the proxy does.
        config.setMaxLifetime(600_000);
        config.setInitializationFailTimeout(-1);
        config.setAutoCommit(true);
        return new HikariDataSource(config);
    }

    /** Round trip used by health checks. */
    public static void ping(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement(); var rs = s.executeQuery("select 1")) {
            rs.next();
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        close();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing: the next dataSource() call reopens the pool with fresh connections
    }
}
