package dev.noshowping.functions.resale;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.noshowping.lambda.NotYetBuilt;
import dev.noshowping.lambda.SqsBatchFunction;

/** Consumes {@code resale-checks}: looks up an article's external listings, marks sold-elsewhere. */
public final class ResaleWorkerHandler extends SqsBatchFunction {

    @Override
    protected void process(SQSEvent.SQSMessage message, Context context) {
        throw new NotYetBuilt("scheduled-pipelines issue #7");
    }
}
