package dev.noshowping.functions.maintenance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.noshowping.config.Environment;
import dev.noshowping.db.ApplicationRole;
import dev.noshowping.db.Database;
import dev.noshowping.db.Migrate;
import dev.noshowping.lambda.CustomResourceReply;
import dev.noshowping.lambda.CustomResourceRequest;
import dev.noshowping.lambda.MapEvents;
import dev.noshowping.lambda.Priming;
import dev.noshowping.log.JsonLog;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Applies pending Flyway migrations, from inside the VPC where the database is; never part of another
 * function's cold start. The only function that connects as the owner role ({@code
 * DATABASE_SECRET_ARN}); it also reads the application role's secret ({@code DATABASE_APP_SECRET_ARN})
 * to keep that role's password in step.
 *
 * <p>Two callers: CloudFormation, through the {@code DatabaseMigration} custom resource that every
 * other function waits for (so a deploy migrates before new code serves), and an operator invoking it
 * with {@code {}}. Deleting the resource leaves the schema alone: the data outlives the stack.
 *
 * <p>Lambda calls the stream entry (the longest {@code handleRequest} overload): {@link MapEvents}
 * reads the request and writes the answer, so the runtime's serializer is never loaded. The typed
 * entry is for tests and the local stack.
 */
public final class MigrateHandler implements RequestHandler<Map<String, Object>, Map<String, Object>>, RequestStreamHandler {

    /** One schema per stage: the same id on every update, so CloudFormation never replaces it. */
    static final String PHYSICAL_ID = "noshowping-schema";

    private final CustomResourceReply reply;

    public MigrateHandler() {
        this(new CustomResourceReply());
    }

    MigrateHandler(CustomResourceReply reply) {
        this.reply = reply;
        Priming.register(getClass().getSimpleName(), this::prime);
    }

    /**
     * The priming: a custom resource request read and an answer written, the way the stream entry
     * does both. Neither a migration nor a reply: both reach out of the environment.
     */
    CustomResourceRequest prime() throws IOException {
        String event = "{\"RequestType\":\"Delete\",\"ResponseURL\":\"https://example.invalid/priming\","
                + "\"StackId\":\"priming\",\"RequestId\":\"priming\",\"LogicalResourceId\":\"DatabaseMigration\","
                + "\"PhysicalResourceId\":\"" + PHYSICAL_ID + "\",\"ResourceProperties\":{\"MigrateFunctionVersion\":1}}";
        CustomResourceRequest request = CustomResourceRequest.from(
                MapEvents.read(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)))).orElseThrow();
        MapEvents.write(Map.of("requestType", request.type().name()), OutputStream.nullOutputStream());
        return request;
    }

    /**
     * Lambda's entry. An input that is not a JSON object fails the invocation before anything runs,
     * as the runtime's serializer failed it.
     */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        MapEvents.write(handleRequest(MapEvents.read(input), context), output);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        var request = CustomResourceRequest.from(input);
        if (request.isEmpty()) {
            return migrate();
        }
        return answer(request.get());
    }

    private Map<String, Object> answer(CustomResourceRequest request) {
        if (request.type() == CustomResourceRequest.Type.DELETE) {
            JsonLog.info("migration resource deleted: schema left as it is", Map.of("stackId", request.stackId()));
            reply.success(request, PHYSICAL_ID, Map.of());
            return Map.of("requestType", request.type().name());
        }
        Map<String, Object> summary;
        try {
            summary = migrate();
        } catch (RuntimeException e) {
            // answered, not rethrown: CloudFormation rolls the deploy back on FAILED, and a retried
            // invoke would answer a second time
            String reason = "migration failed: " + (e.getMessage() == null ? e.getClass().getName() : e.getMessage());
            JsonLog.error(reason, Map.of("stackId", request.stackId()), e);
            reply.failure(request, PHYSICAL_ID, reason);
            return Map.of("requestType", request.type().name(), "failed", reason);
        }
        reply.success(request, PHYSICAL_ID, Map.of("SchemaVersion", String.valueOf(summary.get("schemaVersion"))));
        Map<String, Object> answered = new LinkedHashMap<>(summary);
        answered.put("requestType", request.type().name());
        return answered;
    }

    private static Map<String, Object> migrate() {
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
