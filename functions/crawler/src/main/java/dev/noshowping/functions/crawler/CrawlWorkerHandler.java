package dev.noshowping.functions.crawler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.noshowping.config.Environment;
import dev.noshowping.crawl.CrawlSettings;
import dev.noshowping.crawl.CrawlTaskMessage;
import dev.noshowping.crawl.CrawlTaskStatus;
import dev.noshowping.crawl.MarketClient;
import dev.noshowping.crawl.MarketSource;
import dev.noshowping.crawl.RunCrawlTask;
import dev.noshowping.db.Database;
import dev.noshowping.lambda.Lazy;
import dev.noshowping.lambda.SqsBatchFunction;
import dev.noshowping.log.Metrics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Consumes {@code crawl-tasks}: each task walks one marketplace search until the stop rule. The
 * batch's tasks run at once; the one {@link MarketClient} of the execution environment keeps the
 * per-host limits across them.
 */
public final class CrawlWorkerHandler extends SqsBatchFunction {

    /** Left to record the outcome and close the run after the last page. */
    static final Duration MARGIN = Duration.ofSeconds(20);

    private final RunCrawlTask crawl = new RunCrawlTask(Database::dataSource,
            Lazy.of(() -> new MarketClient(CrawlSettings.from(Environment.current()))));

    @Override
    protected boolean concurrentRecords() {
        return true;
    }

    @Override
    protected void primeDecoding() {
        CrawlTaskMessage.parse(new CrawlTaskMessage(1, 1, MarketSource.BUNJANG, 1, "호텔 양도").toJson());
    }

    @Override
    protected void process(SQSEvent.SQSMessage message, Context context) {
        long remaining = context == null ? Duration.ofMinutes(5).toMillis() : context.getRemainingTimeInMillis();
        Instant deadline = Instant.now().plusMillis(Math.max(1_000, remaining - MARGIN.toMillis()));
        crawl.run(CrawlTaskMessage.parse(message.getBody()), deadline).ifPresent(outcome -> Metrics.emit(Map.of(
                "CrawlPages", Metrics.Figure.count(outcome.pages()),
                "CrawlTasksFailed", Metrics.Figure.count(outcome.status() == CrawlTaskStatus.FAILED ? 1 : 0))));
    }
}
