package dev.noshowping.crawl;

import dev.noshowping.db.Transaction;
import dev.noshowping.aws.QueueBatches;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import software.amazon.awssdk.services.sqs.SqsClient;

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

    public Map<String, Object> start(CrawlTrigger trigger) {
        int abandoned = Transaction.run(dataSource.get(), CrawlRepository::abandonStaleTasks);
        CrawlRepository.OpenedRun run = Transaction.run(dataSource.get(), c -> CrawlRepository.openRun(c, trigger));
        List<CrawlTaskMessage> tasks = run.tasks();
        int sent = QueueBatches.send(sqs.get(), queueUrl.get(), tasks.stream().map(CrawlTaskMessage::toJson).toList(), 1,
                "crawl tasks (a later run fails them as abandoned)");
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("runId", run.runId());
        summary.put("tasks", tasks.size());
        summary.put("queued", sent);
        summary.put("abandonedTasks", abandoned);
        return summary;
    }
}
