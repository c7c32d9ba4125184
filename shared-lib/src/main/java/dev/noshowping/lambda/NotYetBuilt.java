package dev.noshowping.lambda;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Raised by a consumer or schedule whose behaviour a later issue delivers. For SQS consumers it
 * fails the record, so the message is kept (queue, then DLQ) rather than dropped.
 */
public final class NotYetBuilt extends RuntimeException {

    public NotYetBuilt(String deliveredBy) {
        super("not built yet (" + deliveredBy + ")", null, false, false);
    }

    /** What a not-yet-built schedule reports: it ran, did nothing, and says who will build it. */
    public static Map<String, Object> summary(String deliveredBy) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("status", "NOT_IMPLEMENTED");
        summary.put("deliveredBy", deliveredBy);
        return summary;
    }
}
