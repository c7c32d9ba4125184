package dev.noshowping.testkit;

import dev.noshowping.config.Environment;
import dev.noshowping.db.ApplicationRole;
import dev.noshowping.db.Database;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The JVM's embedded PostgreSQL ({@link TestPostgres}) as handlers see it: its variables installed
 * in the {@link Environment} they read, with those of the other test services, and their pool
 * ({@link Database#dataSource()}) reopened on each install.
 *
 * <p>As in AWS, handlers connect as the application role (rows only) and the migrations run as
 * the owner ({@code postgres} here): {@link #dataSource()} is the application role's pool,
 * {@link #ownerDataSource()} the owner's, for what only the schema's owner may do.
 */
public final class TestDatabase {

    private static TestDatabase instance;

    /** The application role of every test JVM; the password is a test's, and never leaves it. */
    public static final ApplicationRole APP_ROLE = new ApplicationRole(
            TestPostgres.APP_USER, TestPostgres.APP_PASSWORD, TestPostgres.APP_STATEMENT_TIMEOUT_SECONDS);

    private final TestPostgres postgres;
    private final Map<String, String> environment;
    private final Map<String, String> services = new java.util.concurrent.ConcurrentHashMap<>();

    private TestDatabase(TestPostgres postgres) {
        this.postgres = postgres;
        this.environment = Map.of(
                "DATABASE_URL", postgres.jdbcUrl(),
                "DATABASE_USER", APP_ROLE.user(),
                "DATABASE_PASSWORD", APP_ROLE.password(),
                "DATABASE_POOL_SIZE", "4",
                // a fixed key: tests may decrypt what they wrote, nothing outside the JVM sees it
                "DATA_ENCRYPTION_KEY", "test-only-data-encryption-key-0123456789");
        installEnvironment(Map.of());
    }

    /** The JVM's database, started and migrated on first use. */
    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = new TestDatabase(TestPostgres.get());
            Runtime.getRuntime().addShutdownHook(new Thread(Database::reset));
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
        return postgres.ownerDataSource();
    }

    public String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    public int port() {
        return postgres.port();
    }

    /** Empties every application table and restarts identities; the schema stays. */
    public void clean() {
        postgres.clean();
    }
}
