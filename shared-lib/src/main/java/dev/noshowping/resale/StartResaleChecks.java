package dev.noshowping.resale;

import dev.noshowping.db.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import dev.noshowping.log.JsonLog;
import javax.sql.DataSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The resale fan-out: articles on sale, due for their 24 h check and linked to a marketplace, one
 * {@code resale-checks} message each. An article whose message did not leave is due again when its
 * one-hour lease ends.
 */
public final class StartResaleChecks {

    private final Supplier<DataSource> dataSource;
    private final Supplier<SqsClient> sqs;
    private final Supplier<String> queueUrl;
    private final int maxPerRun;
    static final int SENDERS = 8;

    public StartResaleChecks(Supplier<DataSource> dataSource, Supplier<SqsClient> sqs, Supplier<String> queueUrl, int maxPerRun) {
        this.dataSource = dataSource;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.maxPerRun = maxPerRun;
    }

    public Map<String, Object> start() {
        List<Long> due = Transaction.run(dataSource.get(), c -> ResaleRepository.leaseDue(c, maxPerRun));
        // thousands of messages: batches of 10 (SQS's most), SENDERS of them in flight at once
        AtomicInteger queued = new AtomicInteger();
        Semaphore senders = new Semaphore(SENDERS);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int from = 0; from < due.size(); from += 10) {
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                for (long id : due.subList(from, Math.min(due.size(), from + 10))) {
                    entries.add(SendMessageBatchRequestEntry.builder().id(Long.toString(id))
                            .messageBody("{\"articleId\":" + id + "}").build());
                }
                senders.acquireUninterruptibly();
                threads.submit(() -> {
                    try {
                        queued.addAndGet(sqs.get().sendMessageBatch(r -> r.queueUrl(queueUrl.get()).entries(entries))
                                .successful().size());
                    } catch (RuntimeException e) {
                        // these articles are due again when their one-hour lease ends
                        JsonLog.warn("resale checks not queued", Map.of("articles", entries.size(), "error", e.toString()));
                    } finally {
                        senders.release();
                    }
                });
            }
        }
        return Map.of("due", due.size(), "queued", queued.get());
    }
}
