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
 * {@code GET /health}: the route has no token, so anyone can call it. By default it answers from
 * the function alone and never touches the database (a flood of probes costs no connection);
 * {@code ?deep=true} adds a database round trip and answers 503 when it fails, for a readiness check
 * that must see the whole path.
 */
public final class HealthHandler extends HttpFunction {

    public HealthHandler() {
        super(Map.of("GET /health", request -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "UP");
            if (!"true".equals(request.query("deep").orElse(null))) {
                return ApiResponses.json(200, body);
            }
            long start = System.nanoTime();
            try {
                Database.ping(Database.dataSource());
            } catch (SQLException | RuntimeException e) {
                JsonLog.error("health check: database unreachable", Map.of("requestId", request.requestId()), e);
                return ApiResponses.problem(Problem.of(503, "unavailable", "Service unavailable",
                        "the database did not answer"));
            }
            body.put("database", "UP");
            body.put("databaseLatencyMs", JsonLog.millisSince(start));
            return ApiResponses.json(200, body);
        }));
    }
}
