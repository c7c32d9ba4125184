package dev.noshowping.functions.alimtalk;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.noshowping.lambda.NotYetBuilt;
import dev.noshowping.lambda.SqsBatchFunction;

/** Consumes the {@code notifications} queue: Kakao alimtalk via Solapi, Discord ops webhook. */
public final class NotificationConsumer extends SqsBatchFunction {

    @Override
    protected void process(SQSEvent.SQSMessage message, Context context) {
        // Failing keeps the message: it waits in the queue, then the DLQ, until the consumer exists.
        throw new NotYetBuilt("notifications issue #6");
    }
}
