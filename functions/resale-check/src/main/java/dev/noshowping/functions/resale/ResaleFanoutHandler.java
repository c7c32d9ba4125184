package dev.noshowping.functions.resale;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.noshowping.lambda.NotYetBuilt;
import dev.noshowping.lambda.ScheduledFunction;
import java.util.Map;

/** Schedule: articles due for their 24 h sold-elsewhere check onto the {@code resale-checks} queue. */
public final class ResaleFanoutHandler extends ScheduledFunction {

    @Override
    protected Map<String, Object> run(ScheduledEvent event, Context context) {
        return NotYetBuilt.summary("scheduled-pipelines issue #7");
    }
}
