package dev.noshowping.testkit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * One embedded PostgreSQL per test JVM, with the schema of the {@code db/migration} scripts on the
 * classpath (shared-lib's): it starts on a copy of the build's {@link SchemaTemplate}, migrated once
 * per build. {@link #clean()} empties every table between tests with one TRUNCATE, which is far
 * cheaper than a new database per test.
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

    /** Durability off: a test database that dies with the JVM has nothing to protect. */
    private static final Map<String, String> SERVER_CONFIG = Map.of(
            "fsync", "off",
            "synchronous_commit", "off",
            "full_page_writes", "off",
            "max_connections", "100");

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final String jdbcUrl;
    private final HikariDataSource owner;
    private final HikariDataSource app;
    private final String emptyAll;

    private TestPostgres(EmbeddedPostgres postgres, Path dataDirectory) throws SQLException {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.jdbcUrl = url(postgres);
        // two connections: the TRUNCATE between tests, and a test's own owner work beside it
        this.owner = pool("test-owner", jdbcUrl, "postgres", "postgres", 2);
        this.app = pool("test-app", jdbcUrl, APP_USER, APP_PASSWORD, 4);
        this.emptyAll = emptyAllStatement(owner);
    }

    /** The JVM's database, started on a copy of the build's migrated template on first use. */
    public static synchronized TestPostgres get() {
        if (instance == null) {
            try {
                Path data = SchemaTemplate.copy(SERVER_CONFIG, TestPostgres::migrate);
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setDataDirectory(data)
                        .setCleanDataDirectory(false)
                        // stopped by close() alone, so the copy is deleted after the server is down
                        .setRegisterShutdownHook(false);
                SERVER_CONFIG.forEach(builder::setServerConfig);
                instance = new TestPostgres(builder.start(), data);
                Runtime.getRuntime().addShutdownHook(new Thread(instance::close));
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            } catch (SQLException e) {
                throw new IllegalStateException("the test database did not answer", e);
            }
        }
        return instance;
    }

    /**
     * Fills {@code dataDirectory} with a copy of the build's migrated template, for a test that
     * starts a server of its own on a kept folder (the local stack's): it starts without initdb
     * and its migrations find nothing to apply. The template's roles come along; the stack brings
     * its application role's password up to date as it would on any kept folder.
     */
    public static void seed(Path dataDirectory) throws IOException {
        SchemaTemplate.copyTo(dataDirectory, SERVER_CONFIG, TestPostgres::migrate);
    }

    private static String url(EmbeddedPostgres postgres) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    private static HikariDataSource pool(String name, String url, String user, String password, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        return new HikariDataSource(config);
    }

    /**
     * What the template holds: the application role, and the schema the migrations make, as the
     * owner (Flyway holds two connections: its history table's and the migration's).
     */
    private static void migrate(EmbeddedPostgres postgres) {
        try (HikariDataSource owner = pool("test-migrate", url(postgres), "postgres", "postgres", 2)) {
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
        } catch (SQLException e) {
            throw new IllegalStateException("migrating the test database failed", e);
        }
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
        if (emptyAll == null) {
            return;
        }
        try (Connection c = owner.getConnection(); var s = c.createStatement()) {
            s.execute(emptyAll);
        } catch (SQLException e) {
            throw new IllegalStateException("could not clean the test database", e);
        }
    }

    /**
     * One script that deletes every row and restarts every sequence, with foreign-key triggers off
     * for its session (the owner is a superuser), so tables empty in any order. Not TRUNCATE: a
     * truncate gives each table, index and TOAST table new files, ~30 ms per test, where deleting
     * the handful of rows a test wrote takes ~1.5 ms.
     */
    private static String emptyAllStatement(DataSource ds) throws SQLException {
        StringBuilder script = new StringBuilder("set session_replication_role = replica;\n");
        int statements = 0;
        try (Connection c = ds.getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("""
                     select format('delete from %I.%I;', n.nspname, c.relname)
                     from pg_class c join pg_namespace n on n.oid = c.relnamespace
                     where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname <> 'flyway_schema_history'
                     union all
                     select format('alter sequence %I.%I restart;', n.nspname, c.relname)
                     from pg_class c join pg_namespace n on n.oid = c.relnamespace
                     where n.nspname = 'public' and c.relkind = 'S' and c.relname not like 'flyway%'""")) {
            while (rs.next()) {
                script.append(rs.getString(1)).append('\n');
                statements++;
            }
        }
        return statements == 0 ? null : script.append("reset session_replication_role;").toString();
    }

    private void close() {
        app.close();
        owner.close();
        try {
            postgres.close();
        } catch (IOException ignored) {
            // the JVM is going away; the data directory is temporary
        }
        SchemaTemplate.delete(dataDirectory);
    }
}
