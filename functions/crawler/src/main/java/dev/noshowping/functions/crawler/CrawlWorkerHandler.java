package dev.noshowping.functions.crawler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.noshowping.lambda.NotYetBuilt;
import dev.noshowping.lambda.SqsBatchFunction;

/** Consumes {@code crawl-tasks}: pages one marketplace search until done, upserts listings. */
public final class CrawlWorkerHandler extends SqsBatchFunction {

    @Override
    protected void process(SQSEvent.SQSMessage message, Context context) {
        throw new NotYetBuilt("scheduled-pipelines issue #7");
    }
}
