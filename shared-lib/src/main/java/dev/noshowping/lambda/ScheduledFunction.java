package dev.noshowping.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.noshowping.log.JsonLog;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A function fired by an EventBridge schedule. Returns a small summary of what it did, which is
 * also logged, so a manual run ({@code ./run.sh invoke}) shows the outcome.
 */
public abstract class ScheduledFunction implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    protected abstract Map<String, Object> run(ScheduledEvent event, Context context) throws Exception;

    @Override
    public final Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        long start = System.nanoTime();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("function", context == null ? getClass().getSimpleName() : context.getFunctionName());
        fields.put("requestId", context == null ? null : context.getAwsRequestId());
        try {
            Map<String, Object> summary = run(event, context);
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
