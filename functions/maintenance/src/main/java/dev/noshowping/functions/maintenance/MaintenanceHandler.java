package dev.noshowping.functions.maintenance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.noshowping.aws.Secrets;
import dev.noshowping.config.Environment;
import dev.noshowping.db.Database;
import dev.noshowping.lambda.Lazy;
import dev.noshowping.lambda.ScheduledFunction;
import dev.noshowping.order.PaymentMaintenance;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every minute: hold and virtual-account expiry, payment reconciliation (outbox sweep: issue #6). */
public final class MaintenanceHandler extends ScheduledFunction {

    private final PaymentMaintenance payments = new PaymentMaintenance(Database::dataSource,
            Lazy.of(() -> dev.noshowping.payment.TossClient.from(Environment.current(), Secrets::get)));

    @Override
    protected Map<String, Object> run(ScheduledEvent event, Context context) {
        Map<String, Object> summary = new LinkedHashMap<>(payments.run());
        summary.put("outboxSweep", "not built yet (notifications issue #6)");
        return summary;
    }
}
