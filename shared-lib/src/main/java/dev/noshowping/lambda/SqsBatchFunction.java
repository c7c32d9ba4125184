package dev.noshowping.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.noshowping.log.JsonLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An SQS consumer with partial batch responses.
 *
 * <p>The event source mapping has {@code FunctionResponseTypes: [ReportBatchItemFailures]}, so
 * Lambda deletes every message not named in {@code batchItemFailures} and leaves the named ones to
 * reappear after the visibility timeout; after the queue's {@code maxReceiveCount} the redrive
 * policy moves them to the DLQ. A failing record therefore never makes its batch-mates repeat.
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html)
 * Records are processed one after another on the invoking thread; nothing is shared.
 */
public abstract class SqsBatchFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {

    /** Handles one message; throwing marks only this message failed. */
    protected abstract void process(SQSEvent.SQSMessage message, Context context) throws Exception;

    @Override
    public final SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        long start = System.nanoTime();
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        String function = context == null ? getClass().getSimpleName() : context.getFunctionName();
        for (SQSEvent.SQSMessage message : records) {
            try {
                process(message, context);
            } catch (Exception e) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("function", function);
                fields.put("messageId", message.getMessageId());
                fields.put("receiveCount", message.getAttributes() == null ? null
                        : message.getAttributes().get("ApproximateReceiveCount"));
                JsonLog.error("message failed", fields, e);
            }
        }
        dev.noshowping.outbox.OutboxPublisher.afterRequest();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("function", function);
        fields.put("requestId", context == null ? null : context.getAwsRequestId());
        fields.put("records", records.size());
        fields.put("failed", failures.size());
        fields.put("latencyMs", JsonLog.millisSince(start));
        JsonLog.info("batch", fields);
        return new SQSBatchResponse(failures);
    }
}
