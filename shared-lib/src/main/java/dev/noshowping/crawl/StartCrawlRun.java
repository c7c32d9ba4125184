package dev.noshowping.crawl;

import dev.noshowping.db.Transaction;
import dev.noshowping.log.JsonLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The crawl fan-out: opens a run with one task per (source, active keyword), commits, then sends
 * one {@code crawl-tasks} message per task. Tasks whose message never left (the send failed after
 * the commit) are failed as abandoned by a later run, which also closes their run.
 */
public final class StartCrawlRun {

    private final Supplier<DataSource> dataSource;
    private final Supplier<SqsClient> sqs;
    private final Supplier<String> queueUrl;

    public StartCrawlRun(Supplier<DataSource> dataSource, Supplier<SqsClient> sqs, Supplier<String> queueUrl) {
        this.dataSource = dataSource;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    public Map<String, Object> start(String trigger) {
        int abandoned = Transaction.run(dataSource.get(), CrawlRepository::abandonStaleTasks);
        List<CrawlTaskMessage> tasks = Transaction.run(dataSource.get(), c -> CrawlRepository.openRun(c, trigger));
        int sent = 0;
        for (int from = 0; from < tasks.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (CrawlTaskMessage t : tasks.subList(from, Math.min(tasks.size(), from + 10))) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Long.toString(t.taskId())).messageBody(t.toJson()).build());
            }
            var result = sqs.get().sendMessageBatch(r -> r.queueUrl(queueUrl.get()).entries(entries));
            sent += result.successful().size();
            if (!result.failed().isEmpty()) {
                JsonLog.warn("crawl tasks not queued; a later run fails them as abandoned",
                        Map.of("failed", result.failed().size()));
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("runId", tasks.isEmpty() ? null : tasks.getFirst().runId());
        summary.put("tasks", tasks.size());
        summary.put("queued", sent);
        summary.put("abandonedTasks", abandoned);
        return summary;
    }
}
