package dev.noshowping.functions.crawler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.noshowping.lambda.NotYetBuilt;
import dev.noshowping.lambda.ScheduledFunction;
import java.util.Map;

/** Schedule: one crawl task per (source, keyword) onto the {@code crawl-tasks} queue. */
public final class CrawlFanoutHandler extends ScheduledFunction {

    @Override
    protected Map<String, Object> run(ScheduledEvent event, Context context) {
        return NotYetBuilt.summary("scheduled-pipelines issue #7");
    }
}
