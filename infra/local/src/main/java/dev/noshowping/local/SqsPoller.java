package dev.noshowping.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import dev.noshowping.testkit.SqsRecords;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The local event source mapping: polls one queue and invokes its consumer the way Lambda does.
 *
 * <ul>
 *   <li>Batches of up to {@code BatchSize} (SQS returns at most 10 per receive).</li>
 *   <li>The handler throws: nothing is deleted; the whole batch reappears after the visibility timeout.</li>
 *   <li>With {@code ReportBatchItemFailures}: every message not named in {@code batchItemFailures}
 *       is deleted; a null, empty or unknown identifier fails the whole batch, as Lambda documents
 *       (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html).</li>
 *   <li>Redrive to the DLQ after {@code maxReceiveCount} receives is the queue's own redrive policy.</li>
 *   <li>{@code MaximumConcurrency} pollers at most (capped for a 2-core laptop).</li>
 * </ul>
 */
public final class SqsPoller implements AutoCloseable {

    static final int LOCAL_CONCURRENCY_CAP = 2;

    private final FunctionHost host;
    private final SqsClient sqs;
    private final String functionId;
    private final SamTemplate.SqsSource source;
    private final String queueUrl;
    private final String queueArn;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final int waitSeconds;

    public SqsPoller(FunctionHost host, SqsClient sqs, String functionId, SamTemplate.SqsSource source,
                     String queueUrl, int waitSeconds) {
        this.host = host;
        this.sqs = sqs;
        this.functionId = functionId;
        this.source = source;
        this.queueUrl = queueUrl;
        this.queueArn = "arn:aws:sqs:us-east-1:000000000000:" + source.queue();
        this.waitSeconds = waitSeconds;
    }

    public void start() {
        int pollers = Math.max(1, Math.min(source.maximumConcurrency(), LOCAL_CONCURRENCY_CAP));
        for (int i = 0; i < pollers; i++) {
            threads.add(Thread.ofVirtual().name("poller-" + source.queue() + "-" + i).start(this::loop));
        }
    }

    public String functionId() {
        return functionId;
    }

    private void loop() {
        while (running.get()) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                if (running.get()) {
                    System.err.println("poller " + source.queue() + ": " + e);
                    sleepQuietly(1_000);
                }
            }
        }
    }

    /**
     * One receive and, if anything came, one invocation. With a batching window, as Lambda does, it
     * goes on receiving until the batch is full or the window has passed. Returns the number of
     * messages received.
     */
    public int pollOnce() {
        int max = Math.min(10, Math.max(1, source.batchSize()));
        List<Message> messages = new ArrayList<>(receive(max, waitSeconds));
        if (messages.isEmpty()) {
            return 0;
        }
        long windowEnd = System.nanoTime() + source.batchingWindowSeconds() * 1_000_000_000L;
        while (messages.size() < max && System.nanoTime() < windowEnd) {
            messages.addAll(receive(max - messages.size(), 1));
        }
        SQSEvent event = SqsRecords.event(messages, queueArn, "us-east-1");
        SQSBatchResponse response;
        try {
            response = host.invoke(functionId, "sqs", source.queue() + " ×" + messages.size(), event,
                    (SQSBatchResponse r) -> describe(r, messages.size()));
        } catch (RuntimeException e) {
            return messages.size();
        }
        Set<String> failed = failedIds(response, messages);
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message m : messages) {
            if (!failed.contains(m.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build());
            }
        }
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(done));
        }
        return messages.size();
    }

    private List<Message> receive(int max, int waitSeconds) {
        return sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                .maxNumberOfMessages(max)
                .waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
    }

    private Set<String> failedIds(SQSBatchResponse response, List<Message> messages) {
        if (!source.reportBatchItemFailures() || response == null || response.getBatchItemFailures() == null) {
            return Set.of();
        }
        Set<String> inBatch = new HashSet<>();
        messages.forEach(m -> inBatch.add(m.messageId()));
        Set<String> failed = new HashSet<>();
        for (SQSBatchResponse.BatchItemFailure f : response.getBatchItemFailures()) {
            String id = f.getItemIdentifier();
            if (id == null || id.isEmpty() || !inBatch.contains(id)) {
                return inBatch;
            }
            failed.add(id);
        }
        return failed;
    }

    private static String describe(SQSBatchResponse r, int size) {
        int failed = r == null || r.getBatchItemFailures() == null ? 0 : r.getBatchItemFailures().size();
        return (size - failed) + " ok, " + failed + " failed";
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Receives no more; the batch in hand is still handled and deleted ({@link #close} waits for it). */
    public void stopPolling() {
        running.set(false);
    }

    @Override
    public void close() {
        running.set(false);
        for (Thread t : threads) {
            try {
                t.join(waitSeconds * 1000L + 2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
