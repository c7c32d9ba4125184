package dev.noshowping.db;

import dev.noshowping.config.Environment;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The one way the schema changes: Flyway over the SQL files in {@code db/migration}, run as the
 * owner role, after the application role is made or brought up to date (the migrations grant it
 * its rights and name it through the placeholder {@code ${appRole}}).
 *
 * <p>Never called from a function's init. Callers: the deploy step (the Migrate function),
 * the local stack at boot, and the test harness once per test JVM.
 */
public final class Migrate {

    private Migrate() {
    }

    public static MigrateResult run(DataSource owner, ApplicationRole app) {
        try (Connection c = owner.getConnection()) {
            app.ensure(c);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
        return Flyway.configure()
                .dataSource(owner)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .placeholders(Map.of("appRole", app.user()))
                .load()
                .migrate();
    }

    /**
     * {@code java -cp … dev.noshowping.db.Migrate} with the owner's DATABASE_URL, DATABASE_USER,
     * DATABASE_PASSWORD and the application role's DATABASE_APP_USER, DATABASE_APP_PASSWORD set.
     */
    public static void main(String[] args) {
        Environment env = Environment.current();
        DatabaseSettings settings = DatabaseSettings.from(env);
        try (var pool = Database.open(settings)) {
            MigrateResult result = run(pool, ApplicationRole.from(env));
            System.out.printf("migrated %s: %d migration(s) applied, schema now at %s%n",
                    settings.jdbcUrl(), result.migrationsExecuted, result.targetSchemaVersion);
        }
    }
}
