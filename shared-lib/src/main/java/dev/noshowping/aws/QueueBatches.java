package dev.noshowping.aws;

import dev.noshowping.log.JsonLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Sends many message bodies to one queue the way fan-outs need: batches of 10 (SQS's most per
 * call), up to {@code inFlight} batches at once. A batch that fails is logged with {@code what}
 * and counted as not sent; the callers' leases and sweeps bring those back.
 */
public final class QueueBatches {

    private QueueBatches() {
    }

    /** Returns how many bodies the queue took. */
    public static int send(SqsClient sqs, String queueUrl, List<String> bodies, int inFlight, String what) {
        AtomicInteger sent = new AtomicInteger();
        Semaphore slots = new Semaphore(Math.max(1, inFlight));
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int from = 0; from < bodies.size(); from += 10) {
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                for (String body : bodies.subList(from, Math.min(bodies.size(), from + 10))) {
                    entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(entries.size())).messageBody(body).build());
                }
                slots.acquireUninterruptibly();
                threads.submit(() -> {
                    try {
                        var result = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
                        sent.addAndGet(result.successful().size());
                        if (!result.failed().isEmpty()) {
                            JsonLog.warn(what + " not queued", Map.of("failed", result.failed().size()));
                        }
                    } catch (SdkException e) {
                        JsonLog.warn(what + " not queued", Map.of("failed", entries.size(), "error", e.toString()));
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        return sent.get();
    }
}
