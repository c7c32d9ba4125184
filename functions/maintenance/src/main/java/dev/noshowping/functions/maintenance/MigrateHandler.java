package dev.noshowping.functions.maintenance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.noshowping.config.Environment;
import dev.noshowping.db.ApplicationRole;
import dev.noshowping.db.Database;
import dev.noshowping.db.Migrate;
import dev.noshowping.log.JsonLog;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Applies pending Flyway migrations. Invoked once by the deploy workflow after {@code sam deploy},
 * from inside the VPC where the database is; never part of another function's cold start. The only
 * function that connects as the owner role ({@code DATABASE_SECRET_ARN}); it also reads the
 * application role's secret ({@code DATABASE_APP_SECRET_ARN}) to keep that role's password in step.
 */
public final class MigrateHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        long start = System.nanoTime();
        ApplicationRole app = ApplicationRole.from(Environment.current());
        var result = Migrate.run(Database.dataSource(), app);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("migrationsExecuted", result.migrationsExecuted);
        summary.put("schemaVersion", result.targetSchemaVersion == null
                ? result.initialSchemaVersion : result.targetSchemaVersion);
        summary.put("applicationRole", app.user());
        summary.put("latencyMs", JsonLog.millisSince(start));
        JsonLog.info("migrated", summary);
        return summary;
    }
}
