package dev.noshowping.resale;

import dev.noshowping.article.CrossPosts;
import dev.noshowping.aws.QueueBatches;
import dev.noshowping.db.Transaction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The resale fan-out: articles on sale, due for their 24 h check and linked to a marketplace (or
 * whose place a recent listing names: a guess {@link CheckResale} may look up), one
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
        List<ResaleRepository.Lease> due = Transaction.run(dataSource.get(), c -> ResaleRepository.leaseDue(c, maxPerRun,
                Instant.now().minus(CrossPosts.SEEN_WITHIN)));
        // thousands of messages: SENDERS batches in flight at once; each names its lease, so a
        // redelivered message whose check was done already is recognised (CheckResale)
        int queued = QueueBatches.send(sqs.get(), queueUrl.get(),
                due.stream().map(l -> "{\"articleId\":" + l.articleId() + ",\"leasedUntil\":\"" + l.until() + "\"}").toList(),
                SENDERS,
                "resale checks (due again when their one-hour lease ends)");
        return Map.of("due", due.size(), "queued", queued);
    }
}
