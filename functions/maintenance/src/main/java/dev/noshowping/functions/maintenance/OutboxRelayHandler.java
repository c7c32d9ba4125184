package dev.noshowping.functions.maintenance;

import com.amazonaws.services.lambda.runtime.Context;
import dev.noshowping.config.Environment;
import dev.noshowping.lambda.ScheduledEvents.Firing;
import dev.noshowping.lambda.ScheduledFunction;
import dev.noshowping.outbox.OutboxPublisher;
import dev.noshowping.outbox.OutboxRelay;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Fired every minute, runs for the minute: the {@link OutboxRelay} sends committed outbox rows to
 * the notifications queue within {@code OUTBOX_RELAY_POLL_MS} (default 1000) of their commit.
 * Each run stops {@link #STOP_BEFORE_TIMEOUT} before the function's timeout, which the template
 * sets a little over a minute, so consecutive runs overlap by a few seconds rather than leave a gap.
 */
public final class OutboxRelayHandler extends ScheduledFunction {

    /** Time kept back from the invocation's timeout: a last claim, its SQS calls (2 s each at most) and the log line. */
    static final Duration STOP_BEFORE_TIMEOUT = Duration.ofSeconds(8);

    @Override
    protected Map<String, Object> run(Firing firing, Context context) {
        Optional<OutboxPublisher> publisher = OutboxPublisher.current();
        if (publisher.isEmpty()) {
            return Map.of("outboxPublished", 0, "skipped", "NOTIFICATIONS_QUEUE_URL is not set");
        }
        Duration pollInterval = Duration.ofMillis(Environment.current().getInt("OUTBOX_RELAY_POLL_MS", 1000));
        Duration budget = Duration.ofMillis(context.getRemainingTimeInMillis()).minus(STOP_BEFORE_TIMEOUT);
        // a timeout shorter than the margin still gets one poll
        return new OutboxRelay(publisher.get(), pollInterval)
                .run(budget.isNegative() ? Duration.ZERO : budget).summary();
    }
}
