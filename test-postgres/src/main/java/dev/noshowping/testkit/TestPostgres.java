package dev.noshowping.testkit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * One embedded PostgreSQL per test JVM, with the schema of the {@code db/migration} scripts on the
 * classpath (shared-lib's) applied once; {@link #clean()} empties every table between tests with one
 * TRUNCATE, which is far cheaper than a new database per test.
 *
 * <p>As in AWS, the migrations run as the owner ({@code postgres} here) and grant the application
 * role ({@link #APP_USER}) its rights on rows only: {@link #appDataSource()} logs in as it,
 * {@link #ownerDataSource()} as the owner. The role is made here in plain SQL because this module
 * cannot see shared-lib's classes; shared-lib's {@code Migrate} is tested on its own database.
 *
 * <p>Durability is switched off (fsync, synchronous_commit, full_page_writes): a test database
 * that dies with the JVM has nothing to protect, and commits become memory-speed.
 */
public final class TestPostgres {

    /** The application role of every test JVM; the password is a test's, and never leaves it. */
    public static final String APP_USER = "noshowping_app";
    public static final String APP_PASSWORD = "test-only-app-role-password";
    /** As the deployed role's default: below the API functions' timeout. */
    public static final int APP_STATEMENT_TIMEOUT_SECONDS = 15;

    private static TestPostgres instance;

    private final EmbeddedPostgres postgres;
    private final String jdbcUrl;
    private final HikariDataSource owner;
    private final HikariDataSource app;
    private final String truncateAll;

    private TestPostgres(EmbeddedPostgres postgres) throws SQLException {
        this.postgres = postgres;
        this.jdbcUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
        // two connections: the TRUNCATE between tests, and a test's own owner work beside it
        this.owner = pool("test-owner", "postgres", "postgres", 2);
        migrate(owner);
        this.app = pool("test-app", APP_USER, APP_PASSWORD, 4);
        this.truncateAll = truncateStatement(owner);
    }

    /** The JVM's database, started and migrated on first use. */
    public static synchronized TestPostgres get() {
        if (instance == null) {
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("max_connections", "100")
                        .start();
                instance = new TestPostgres(pg);
                TestPostgres db = instance;
                Runtime.getRuntime().addShutdownHook(new Thread(db::close));
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            } catch (SQLException e) {
                throw new IllegalStateException("migrating the test database failed", e);
            }
        }
        return instance;
    }

    private HikariDataSource pool(String name, String user, String password, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        return new HikariDataSource(config);
    }

    private static void migrate(DataSource owner) throws SQLException {
        try (Connection c = owner.getConnection(); var s = c.createStatement()) {
            s.execute("create role " + APP_USER + " login password '" + APP_PASSWORD + "'");
            s.execute("alter role " + APP_USER + " set statement_timeout = '" + APP_STATEMENT_TIMEOUT_SECONDS + "s'");
        }
        Flyway.configure()
                .dataSource(owner)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .placeholders(Map.of("appRole", APP_USER))
                // through SLF4J like the servers: quiet in test runs (logback-test.xml, or none at all)
                .loggers("slf4j")
                .load()
                .migrate();
    }

    /** The application role's pool: rows only, as every function logs in. */
    public DataSource appDataSource() {
        return app;
    }

    /** The owner's (a superuser here): for what the application role may not do. */
    public DataSource ownerDataSource() {
        return owner;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public int port() {
        return postgres.getPort();
    }

    /** Empties every application table and restarts identities; the schema stays. */
    public void clean() {
        if (truncateAll == null) {
            return;
        }
        try (Connection c = owner.getConnection(); var s = c.createStatement()) {
            s.execute(truncateAll);
        } catch (SQLException e) {
            throw new IllegalStateException("could not clean the test database", e);
        }
    }

    private static String truncateStatement(DataSource ds) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = ds.getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("""
                     select quote_ident(table_name) from information_schema.tables
                     where table_schema = 'public' and table_type = 'BASE TABLE'
                       and table_name <> 'flyway_schema_history'
                     order by table_name""")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables.isEmpty() ? null : "truncate " + String.join(", ", tables) + " restart identity cascade";
    }

    private void close() {
        app.close();
        owner.close();
        try {
            postgres.close();
        } catch (IOException ignored) {
            // the JVM is going away; the data directory is temporary
        }
    }
}
