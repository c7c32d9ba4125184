package dev.noshowping.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.noshowping.lambda.SqsBatchFunction;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A consumer that counts deliveries per body and fails every message whose body starts with "poison". */
public final class RecordingConsumer extends SqsBatchFunction {

    static final Map<String, AtomicInteger> DELIVERIES = new ConcurrentHashMap<>();

    @Override
    protected void process(SQSEvent.SQSMessage message, Context context) {
        DELIVERIES.computeIfAbsent(message.getBody(), b -> new AtomicInteger()).incrementAndGet();
        if (message.getBody().startsWith("poison")) {
            throw new IllegalArgumentException("cannot handle " + message.getBody());
        }
    }

    static int deliveries(String body) {
        AtomicInteger n = DELIVERIES.get(body);
        return n == null ? 0 : n.get();
    }
}
