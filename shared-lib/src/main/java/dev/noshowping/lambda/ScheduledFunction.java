package dev.noshowping.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.noshowping.lambda.ScheduledEvents.Firing;
import dev.noshowping.log.JsonLog;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A function fired by an EventBridge schedule. Returns a small summary of what it did, which is
 * also logged, so a manual run ({@code ./run.sh invoke}) shows the outcome.
 *
 * <p>Lambda calls the stream entry (the longest {@code handleRequest} overload, as for
 * {@link HttpFunction}): {@link ScheduledEvents} reads the firing and {@link MapEvents} writes the
 * summary, so neither the runtime's serializer nor Joda-Time is loaded. The typed entry is for tests
 * and the local stack.
 */
public abstract class ScheduledFunction
        implements RequestHandler<ScheduledEvent, Map<String, Object>>, RequestStreamHandler {

    /** What the priming reads: a firing as EventBridge Scheduler sends it. */
    private static final String PRIMING_EVENT = "{\"version\":\"0\",\"id\":\"priming\",\"detail-type\":\"Scheduled Event\","
            + "\"source\":\"aws.scheduler\",\"time\":\"2026-01-01T00:00:00Z\",\"resources\":[],\"detail\":{}}";

    protected ScheduledFunction() {
        Priming.register(getClass().getSimpleName(), this::prime);
    }

    protected abstract Map<String, Object> run(Firing firing, Context context) throws Exception;

    /**
     * The priming: a firing read and a summary written, the way the stream entry does both. The run
     * itself is left out: every run reads the database or sends to a queue.
     */
    final Firing prime() throws IOException {
        Firing firing = ScheduledEvents.read(new ByteArrayInputStream(PRIMING_EVENT.getBytes(StandardCharsets.UTF_8)));
        MapEvents.write(Map.of("firing", String.valueOf(firing.id())), OutputStream.nullOutputStream());
        return firing;
    }

    /**
     * Lambda's entry. An event that cannot be read fails the invocation, as the runtime's serializer
     * failed it, and the schedule's retry policy applies; nothing runs.
     */
    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        MapEvents.write(runLogged(ScheduledEvents.read(input), context), output);
    }

    @Override
    public final Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        return runLogged(ScheduledEvents.from(event), context);
    }

    private Map<String, Object> runLogged(Firing firing, Context context) {
        long start = System.nanoTime();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("function", context == null ? getClass().getSimpleName() : context.getFunctionName());
        fields.put("requestId", context == null ? null : context.getAwsRequestId());
        try {
            Map<String, Object> summary = run(firing, context);
            fields.put("summary", summary);
            fields.put("latencyMs", JsonLog.millisSince(start));
            JsonLog.info("scheduled run", fields);
            return summary;
        } catch (Exception e) {
            fields.put("latencyMs", JsonLog.millisSince(start));
            JsonLog.error("scheduled run failed", fields, e);
            // Rethrown so Lambda records the invocation as failed and the schedule's retry policy applies.
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }
}
