package dev.noshowping.functions.maintenance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.noshowping.aws.Secrets;
import dev.noshowping.config.Environment;
import dev.noshowping.db.Database;
import dev.noshowping.lambda.Lazy;
import dev.noshowping.lambda.ScheduledFunction;
import dev.noshowping.order.PaymentMaintenance;
import dev.noshowping.outbox.OutboxPublisher;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every minute: hold and virtual-account expiry, payment reconciliation, then the outbox sweep. */
public final class MaintenanceHandler extends ScheduledFunction {

    private static final int SWEEP_LIMIT = 500;

    private final PaymentMaintenance payments = new PaymentMaintenance(Database::dataSource,
            Lazy.of(() -> dev.noshowping.payment.TossClient.from(Environment.current(), Secrets::get)));

    @Override
    protected Map<String, Object> run(ScheduledEvent event, Context context) {
        Map<String, Object> summary = new LinkedHashMap<>(payments.run());
        // the backstop of the outbox relay: whatever it missed (a relay run that failed, an SQS
        // outage) goes out here, at most a minute late
        summary.put("outboxPublished", OutboxPublisher.current().map(p -> p.publish(SWEEP_LIMIT)).orElse(0));
        return summary;
    }
}
