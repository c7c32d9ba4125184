package dev.noshowping.functions.maintenance;

import com.amazonaws.services.lambda.runtime.Context;
import dev.noshowping.article.CreateArticle;
import dev.noshowping.aws.Secrets;
import dev.noshowping.config.Environment;
import dev.noshowping.db.Database;
import dev.noshowping.lambda.Deadline;
import dev.noshowping.lambda.Lazy;
import dev.noshowping.lambda.ScheduledEvents.Firing;
import dev.noshowping.lambda.ScheduledFunction;
import dev.noshowping.log.JsonLog;
import dev.noshowping.log.Metrics;
import dev.noshowping.order.AfterPaymentMaintenance;
import dev.noshowping.order.HoldLimits;
import dev.noshowping.order.OrderPolicy;
import dev.noshowping.order.PaymentMaintenance;
import dev.noshowping.outbox.OutboxPublisher;
import dev.noshowping.payment.TossClient;
import dev.noshowping.retention.Retention;
import dev.noshowping.retention.RetentionPeriods;
import dev.noshowping.savedsearch.SavedSearchAlerts;
import dev.noshowping.screenshot.ScreenshotStorage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every minute: hold and virtual-account expiry, payment reconciliation, the chores after the
 * payment (transfer deadlines, auto-confirms, owed refunds, articles whose stay is near),
 * retention (what is past its period, a batch of each kind), saved-search alerts due (their
 * digest window closed), then the outbox sweep.
 */
public final class MaintenanceHandler extends ScheduledFunction {

    private static final int SWEEP_LIMIT = 500;
    /** What the outbox sweep may take at most, kept free at the end of the run. */
    private static final Duration SWEEP_TIME = Duration.ofSeconds(15);
    /** Rows (and objects) of each kind deleted per run at most: 288 000 a day, far above what arrives. */
    private static final int RETENTION_BATCH = 200;

    private final Lazy<TossClient> toss = Lazy.of(() -> TossClient.from(Environment.current(), Secrets::get));
    private final OrderPolicy policy = OrderPolicy.from(Environment.current());
    private final PaymentMaintenance payments = new PaymentMaintenance(Database::dataSource, toss, policy);
    private final AfterPaymentMaintenance afterPayment =
            new AfterPaymentMaintenance(Database::dataSource, toss, policy, Clock.systemUTC());
    private final Retention retention = new Retention(Database::dataSource,
            Lazy.of(() -> ScreenshotStorage.from(Environment.current())),
            RetentionPeriods.from(Environment.current(),
                    List.of(HoldLimits.from(Environment.current()).rate(), CreateArticle.rate(Environment.current()))),
            Clock.systemUTC(), RETENTION_BATCH);
    private final SavedSearchAlerts savedSearchAlerts = new SavedSearchAlerts(Database::dataSource, Clock.systemUTC());

    @Override
    protected Map<String, Object> run(Firing firing, Context context) {
        Map<String, Object> summary = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        try {
            // each family of chores on its own: one that fails (a bad row its query trips on) does
            // not keep the others from running
            // the chores stop taking up orders in time for the sweep to run before the timeout
            Deadline deadline = Deadline.of(context, SWEEP_TIME);
            chore("payments", () -> payments.run(deadline), summary, failed);
            chore("afterPayment", () -> afterPayment.run(deadline), summary, failed);
            if (!deadline.passed()) {
                chore("retention", retention::run, summary, failed);   // bounded by its batches; waits a minute if late
            }
            // before the sweep, which then sends what it wrote if the relay has not already
            chore("savedSearchAlerts", () -> savedSearchAlerts.run(deadline), summary, failed);
        } finally {
            // the backstop of the outbox relay: whatever it missed (a relay run that failed, an SQS
            // outage) goes out here, at most a minute late, whatever the chores did
            summary.put("outboxPublished", OutboxPublisher.current().map(p -> p.publish(SWEEP_LIMIT)).orElse(0));
            outboxLag(summary);
        }
        if (!failed.isEmpty()) {
            // after everything else ran: the invocation counts as failed, so the function's error alarm sees it
            throw new IllegalStateException("maintenance chores failed: " + failed + "; done: " + summary);
        }
        return summary;
    }

    /**
     * The age of the oldest notification still unsent, as a metric: the relay's job is to keep it
     * near a second, so minutes mean the relay and the sweep both stopped (OutboxLagAlarm).
     */
    private static void outboxLag(Map<String, Object> summary) {
        try {
            OutboxPublisher.current().ifPresent(p -> {
                double seconds = p.lag().toMillis() / 1000.0;
                summary.put("outboxLagSeconds", seconds);
                Metrics.emit(Map.of("OutboxLagSeconds", Metrics.Figure.seconds(seconds)));
            });
        } catch (RuntimeException e) {
            JsonLog.warn("outbox lag not measured", Map.of("error", e.toString()));
        }
    }

    private static void chore(String name, Supplier<Map<String, Object>> chore, Map<String, Object> summary,
                              List<String> failed) {
        try {
            summary.putAll(chore.get());
        } catch (RuntimeException e) {
            JsonLog.error(name + " chores failed; the next run tries again", Map.of("chores", name), e);
            failed.add(name);
        }
    }
}
