package dev.noshowping.functions.maintenance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.noshowping.db.Database;
import dev.noshowping.db.Migrate;
import dev.noshowping.log.JsonLog;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Applies pending Flyway migrations. Invoked once by the deploy workflow after {@code sam deploy},
 * from inside the VPC where the database is; never part of another function's cold start.
 */
public final class MigrateHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        long start = System.nanoTime();
        var result = Migrate.run(Database.dataSource());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("migrationsExecuted", result.migrationsExecuted);
        summary.put("schemaVersion", result.targetSchemaVersion == null
                ? result.initialSchemaVersion : result.targetSchemaVersion);
        summary.put("latencyMs", JsonLog.millisSince(start));
        JsonLog.info("migrated", summary);
        return summary;
    }
}
