package dev.noshowping.db;

import dev.noshowping.config.Environment;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The one way the schema changes: Flyway over the SQL files in {@code db/migration}.
 *
 * <p>Never called from a function's init. Callers: the deploy step (the Migrate function),
 * the local stack at boot, and the test harness once per test JVM.
 */
public final class Migrate {

    private Migrate() {
    }

    public static MigrateResult run(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    /** {@code java -cp … dev.noshowping.db.Migrate} with DATABASE_URL, DATABASE_USER, DATABASE_PASSWORD set. */
    public static void main(String[] args) {
        DatabaseSettings settings = DatabaseSettings.from(Environment.current());
        try (var pool = Database.open(settings)) {
            MigrateResult result = run(pool);
            System.out.printf("migrated %s: %d migration(s) applied, schema now at %s%n",
                    settings.jdbcUrl(), result.migrationsExecuted, result.targetSchemaVersion);
        }
    }
}
