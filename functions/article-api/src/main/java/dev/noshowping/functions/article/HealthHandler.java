package dev.noshowping.functions.article;

import dev.noshowping.db.Database;
import dev.noshowping.http.ApiResponses;
import dev.noshowping.http.Problem;
import dev.noshowping.lambda.HttpFunction;
import dev.noshowping.log.JsonLog;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health}: 200 only when a database round trip succeeds, so a load balancer or the
 * local stack's readiness check sees the whole path, not just a live JVM.
 */
public final class HealthHandler extends HttpFunction {

    public HealthHandler() {
        super(Map.of("GET /health", request -> {
            long start = System.nanoTime();
            try {
                Database.ping(Database.dataSource());
            } catch (SQLException | RuntimeException e) {
                JsonLog.error("health check: database unreachable", Map.of("requestId", request.requestId()), e);
                return ApiResponses.problem(Problem.of(503, "unavailable", "Service unavailable",
                        "the database did not answer"));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "UP");
            body.put("database", "UP");
            body.put("databaseLatencyMs", JsonLog.millisSince(start));
            return ApiResponses.json(200, body);
        }));
    }
}
