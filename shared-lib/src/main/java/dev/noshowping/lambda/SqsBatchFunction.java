package dev.noshowping.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.noshowping.aws.AwsClients;
import dev.noshowping.log.JsonLog;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * An SQS consumer with partial batch responses.
 *
 * <p>The event source mapping has {@code FunctionResponseTypes: [ReportBatchItemFailures]}, so
 * Lambda deletes every message not named in {@code batchItemFailures} and leaves the named ones to
 * reappear after the visibility timeout; after the queue's {@code maxReceiveCount} the redrive
 * policy moves them to the DLQ. A failing record therefore never makes its batch-mates repeat.
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html)
 * Records are processed one after another on the invoking thread, or at once on virtual threads
 * where {@link #concurrentRecords()} says so.
 *
 * <p>Lambda calls the stream entry (the longest {@code handleRequest} overload, as for
 * {@link HttpFunction}): {@link SqsEvents} reads the batch and writes the answer, so the runtime's
 * serializer is never loaded. The typed entry is for tests and the local stack.
 */
public abstract class SqsBatchFunction
        implements RequestHandler<SQSEvent, SQSBatchResponse>, RequestStreamHandler {

    /** The first redelivery delay of {@link Redeliver}; it doubles with every receive. */
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(20);
    /** SQS's longest visibility timeout is 12 h; a notification that late is pointless anyway. */
    static final Duration MAX_BACKOFF = Duration.ofMinutes(15);

    /**
     * Thrown by {@link #process} for a failure worth retrying later (a provider's 5xx or 429): the record
     * fails and comes back after an exponential backoff (or the provider's hint, if longer), not after
     * the queue's whole visibility timeout.
     */
    public static final class Redeliver extends RuntimeException {
        private final transient Duration hint;

        public Redeliver(String message, Duration hint) {
            super(message, null, false, false);
            this.hint = hint;
        }
    }

    private static final Map<String, String> QUEUE_URLS = new ConcurrentHashMap<>();

    protected SqsBatchFunction() {
        Priming.register(getClass().getSimpleName(), this::prime);
        DatabaseLoginPriming.register();
    }

    /** Handles one message; throwing marks only this message failed. */
    protected abstract void process(SQSEvent.SQSMessage message, Context context) throws Exception;

    /**
     * Decodes a sample of the queue's messages, for the priming before a SnapStart snapshot; must
     * touch no database, queue or provider (a consumer's decoding never does). Default: nothing.
     */
    protected void primeDecoding() {
    }

    /**
     * The priming: an empty batch through the whole handler (deadline, answer, log line), then the
     * consumer's decoding of a sample message. Nothing is processed, so nothing is sent or stored.
     */
    final SQSBatchResponse prime() throws IOException {
        SQSEvent empty = SqsEvents.read(new ByteArrayInputStream("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8)));
        SQSBatchResponse response = handleRequest(empty, null);
        SqsEvents.write(response, OutputStream.nullOutputStream());
        primeDecoding();
        return response;
    }

    /**
     * Lambda's entry. A batch that cannot be read fails the invocation, as the runtime's serializer
     * failed it: the messages come back and, after the queue's receive count, go to its DLQ.
     */
    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        SqsEvents.write(handleRequest(SqsEvents.read(input), context), output);
    }

    /**
     * Whether the batch's records run at once, each on its own virtual thread (for I/O-bound work
     * such as crawling, where a record waits on remote hosts). Default: one after another.
     */
    protected boolean concurrentRecords() {
        return false;
    }

    /**
     * How long before the function's timeout the batch stops: records not started by then (or, run
     * at once, not finished) are reported failed and come back, rather than the whole batch being
     * retried when Lambda ends the invocation. Longer than one record's own longest wait; a function
     * with less than three times this in all keeps its last third instead.
     */
    protected Duration stopBeforeTimeout() {
        return Duration.ofSeconds(10);
    }

    private Deadline deadline(Context context) {
        if (context == null) {
            return Deadline.NONE;
        }
        Duration third = Duration.ofMillis(context.getRemainingTimeInMillis() / 3);
        Duration margin = stopBeforeTimeout();
        return Deadline.of(context, third.compareTo(margin) < 0 ? third : margin);
    }

    @Override
    public final SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        long start = System.nanoTime();
        Deadline deadline = deadline(context);
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        Set<String> failed = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
        String function = context == null ? getClass().getSimpleName() : context.getFunctionName();
        int left;
        if (concurrentRecords() && records.size() > 1) {
            left = runAtOnce(records, context, function, failed, deadline);
        } else {
            left = 0;
            for (SQSEvent.SQSMessage message : records) {
                if (deadline.passed()) {
                    failed.add(message.getMessageId());
                    left++;
                } else {
                    handle(message, context, function, failed);
                }
            }
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("function", function);
        fields.put("requestId", context == null ? null : context.getAwsRequestId());
        fields.put("records", records.size());
        fields.put("failed", failed.size());
        fields.put("leftForLater", left);
        fields.put("latencyMs", JsonLog.millisSince(start));
        JsonLog.info("batch", fields);
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        synchronized (failed) {
            failed.forEach(id -> failures.add(new SQSBatchResponse.BatchItemFailure(id)));
        }
        return new SQSBatchResponse(failures);
    }

    /**
     * Each record on its own virtual thread; those still running at the deadline are interrupted
     * and reported failed (their work is idempotent, so one that finishes anyway and comes back is
     * done again harmlessly). Returns how many were cut short.
     */
    private int runAtOnce(List<SQSEvent.SQSMessage> records, Context context, String function, Set<String> failed,
                          Deadline deadline) {
        var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        Map<SQSEvent.SQSMessage, java.util.concurrent.Future<?>> running = new LinkedHashMap<>();
        for (SQSEvent.SQSMessage message : records) {
            running.put(message, threads.submit(() -> handle(message, context, function, failed)));
        }
        threads.shutdown();
        boolean finished;
        try {
            finished = threads.awaitTermination(deadline.remaining(Duration.ofDays(1)).toNanos(),
                    java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        if (finished) {
            return 0;
        }
        int left = 0;
        for (var entry : running.entrySet()) {
            if (!entry.getValue().isDone()) {
                entry.getValue().cancel(true);
                failed.add(entry.getKey().getMessageId());
                left++;
            }
        }
        threads.shutdownNow();
        return left;
    }

    private void handle(SQSEvent.SQSMessage message, Context context, String function, Set<String> failed) {
        try {
            process(message, context);
        } catch (Throwable e) {
            // Throwable, not Exception: run at once, a record's Error would end in a future nobody
            // reads, and the record would count as a success and be deleted
            failed.add(message.getMessageId());
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("function", function);
            fields.put("messageId", message.getMessageId());
            fields.put("receiveCount", receiveCount(message));
            if (e instanceof Redeliver r) {
                Duration delay = backoff(receiveCount(message), r.hint);
                fields.put("retryInSeconds", delay.toSeconds());
                fields.put("error", e.getMessage());
                JsonLog.warn("message will be retried", fields);
                delay(message, delay);
            } else {
                JsonLog.error("message failed", fields, e);
            }
            if (e instanceof VirtualMachineError vm) {
                throw vm;   // out of memory and the like: this environment should not go on
            }
        }
    }

    /** 20 s, 40 s, 80 s, … by receive count, at most 15 min; never shorter than the provider's hint. */
    static Duration backoff(int receiveCount, Duration hint) {
        int doublings = Math.min(Math.max(receiveCount, 1) - 1, 10);
        Duration delay = FIRST_BACKOFF.multipliedBy(1L << doublings);
        if (delay.compareTo(MAX_BACKOFF) > 0) {
            delay = MAX_BACKOFF;
        }
        return hint != null && hint.compareTo(delay) > 0 ? hint : delay;
    }

    private static int receiveCount(SQSEvent.SQSMessage message) {
        try {
            return message.getAttributes() == null ? 1
                    : Integer.parseInt(message.getAttributes().getOrDefault("ApproximateReceiveCount", "1"));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /**
     * Sets the failed record's visibility so it returns after {@code delay}. Best effort: if this
     * fails, the queue's visibility timeout brings the message back anyway.
     */
    private static void delay(SQSEvent.SQSMessage message, Duration delay) {
        String arn = message.getEventSourceArn();
        if (arn == null || message.getReceiptHandle() == null) {
            return;
        }
        try {
            String url = QUEUE_URLS.computeIfAbsent(arn, a -> {
                String[] parts = a.split(":");   // arn:aws:sqs:region:account:name
                return AwsClients.sqs().getQueueUrl(r -> r.queueName(parts[5]).queueOwnerAWSAccountId(parts[4])).queueUrl();
            });
            AwsClients.sqs().changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(message.getReceiptHandle())
                    .visibilityTimeout((int) delay.toSeconds()));
        } catch (SdkException | ArrayIndexOutOfBoundsException e) {
            JsonLog.warn("could not delay the retry; the queue's visibility timeout applies",
                    Map.of("messageId", String.valueOf(message.getMessageId()), "error", e.toString()));
        }
    }
}
