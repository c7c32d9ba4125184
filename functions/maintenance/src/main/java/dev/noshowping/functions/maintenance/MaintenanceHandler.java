package dev.noshowping.functions.maintenance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.noshowping.lambda.NotYetBuilt;
import dev.noshowping.lambda.ScheduledFunction;
import java.util.Map;

/** Every minute: outbox sweep, hold and article expiry, payment reconciliation. */
public final class MaintenanceHandler extends ScheduledFunction {

    @Override
    protected Map<String, Object> run(ScheduledEvent event, Context context) {
        return NotYetBuilt.summary("buyer-flow issue #5 and notifications issue #6");
    }
}
