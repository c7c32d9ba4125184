package dev.noshowping.functions.crawler;

import com.amazonaws.services.lambda.runtime.Context;
import dev.noshowping.aws.AwsClients;
import dev.noshowping.config.Environment;
import dev.noshowping.crawl.CrawlTrigger;
import dev.noshowping.crawl.StartCrawlRun;
import dev.noshowping.db.Database;
import dev.noshowping.lambda.ScheduledEvents.Firing;
import dev.noshowping.lambda.ScheduledFunction;
import java.util.Map;

/** Schedule: opens a crawl run, one {@code crawl-tasks} message per (source, active keyword). */
public final class CrawlFanoutHandler extends ScheduledFunction {

    private final StartCrawlRun start = new StartCrawlRun(Database::dataSource,
            AwsClients::sqs,
            () -> Environment.current().require("CRAWL_TASKS_QUEUE_URL"));

    @Override
    protected Map<String, Object> run(Firing firing, Context context) {
        return start.start(CrawlTrigger.SCHEDULE);
    }
}
