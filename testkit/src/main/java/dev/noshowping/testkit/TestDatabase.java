package dev.noshowping.testkit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.noshowping.config.Environment;
import dev.noshowping.db.ApplicationRole;
import dev.noshowping.db.Database;
import dev.noshowping.db.Migrate;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * One embedded PostgreSQL per test JVM, migrated once; {@link #clean()} empties every table
 * between tests with one TRUNCATE, which is far cheaper than a new database per test.
 *
 * <p>As in AWS, handlers connect as the application role (rows only) and the migrations run as
 * the owner ({@code postgres} here): {@link #dataSource()} is the application role's pool,
 * {@link #ownerDataSource()} the owner's, for what only the schema's owner may do.
 *
 * <p>Durability is switched off (fsync, synchronous_commit, full_page_writes): a test database
 * that dies with the JVM has nothing to protect, and commits become memory-speed.
 */
public final class TestDatabase {

    private static TestDatabase instance;

    /** The application role of every test JVM; the password is a test's, and never leaves it. */
    public static final ApplicationRole APP_ROLE = new ApplicationRole(
            "noshowping_app", "test-only-app-role-password", ApplicationRole.DEFAULT_STATEMENT_TIMEOUT_SECONDS);

    private final EmbeddedPostgres postgres;
    private final HikariDataSource owner;
    private final Map<String, String> environment;
    private final Map<String, String> services = new java.util.concurrent.ConcurrentHashMap<>();
    private final String truncateAll;

    private TestDatabase(EmbeddedPostgres postgres) throws SQLException {
        this.postgres = postgres;
        String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
        this.owner = ownerPool(url);
        this.environment = Map.of(
                "DATABASE_URL", url,
                "DATABASE_USER", APP_ROLE.user(),
                "DATABASE_PASSWORD", APP_ROLE.password(),
                "DATABASE_POOL_SIZE", "4",
                // a fixed key: tests may decrypt what they wrote, nothing outside the JVM sees it
                "DATA_ENCRYPTION_KEY", "test-only-data-encryption-key-0123456789");
        Migrate.run(owner, APP_ROLE);
        this.truncateAll = truncateStatement(owner);
        installEnvironment(Map.of());
    }

    /** Two connections at most: the TRUNCATE between tests, and a test's own owner work beside it. */
    private static HikariDataSource ownerPool(String url) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("test-owner");
        config.setJdbcUrl(url);
        config.setUsername("postgres");
        config.setPassword("postgres");
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(0);
        return new HikariDataSource(config);
    }

    /** The JVM's database, started and migrated on first use. */
    public static synchronized TestDatabase get() {
        if (instance == null) {
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("max_connections", "100")
                        .start();
                instance = new TestDatabase(pg);
                TestDatabase db = instance;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    Database.reset();
                    db.owner.close();
                    try {
                        pg.close();
                    } catch (IOException ignored) {
                        // the JVM is going away; the data directory is temporary
                    }
                }));
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            } catch (SQLException e) {
                throw new IllegalStateException("migrating the test database failed", e);
            }
        }
        return instance;
    }

    /** Variables a handler needs to reach this database (merge with your own for other parts). */
    public Map<String, String> environment() {
        return environment;
    }

    /**
     * What MigrateFunction reads: the owner's login (it alone migrates) and the application role's
     * (whose password and statement timeout it keeps in step). Install with {@link #installEnvironment}.
     */
    public Map<String, String> ownerEnvironment() {
        return Map.of(
                "DATABASE_USER", "postgres",
                "DATABASE_PASSWORD", "postgres",
                "DATABASE_APP_USER", APP_ROLE.user(),
                "DATABASE_APP_PASSWORD", APP_ROLE.password());
    }

    /** Variables of another test service (S3) that every later install includes. */
    public void addServiceEnvironment(Map<String, String> variables) {
        services.putAll(variables);
        installEnvironment(Map.of());
    }

    /**
     * Installs this database's variables, those of started test services, plus {@code extra} as
     * what handlers read, and drops the pool so the next {@link Database#dataSource()} uses them.
     */
    public void installEnvironment(Map<String, String> extra) {
        Map<String, String> all = new HashMap<>(environment);
        all.putAll(services);
        all.putAll(extra);
        Environment.install(all);
        Database.reset();
    }

    /** The application role's pool, the one handlers reach through {@link Database#dataSource()}. */
    public DataSource dataSource() {
        return Database.dataSource();
    }

    /**
     * The owner's (a superuser here): for what the application role may not do, such as switching
     * triggers off to age a row. Handlers never see it.
     */
    public DataSource ownerDataSource() {
        return owner;
    }

    public String jdbcUrl() {
        return environment.get("DATABASE_URL");
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
}
