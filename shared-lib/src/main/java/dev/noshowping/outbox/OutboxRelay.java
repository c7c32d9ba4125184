package dev.noshowping.outbox;

import dev.noshowping.log.JsonLog;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends outbox rows to the notifications queue as they are committed, for as long as one run
 * lasts: it asks the outbox every {@code pollInterval} and drains what it finds, in claims of
 * {@link #CLAIM} rows, without waiting between full claims. A notification therefore leaves within
 * about one interval of its commit, and no user request waits for an SQS call (the confirm's
 * latency under a burst depends on it: docs/benchmarks.md, "The outbox relay").
 *
 * <p>A run ends at its deadline, so a Lambda invocation can host one; the next scheduled run
 * takes over, and runs that overlap split the rows between them ({@code SKIP LOCKED}). A failing
 * database or queue never ends a run early: the row stays unpublished and the next poll tries
 * again; the maintenance sweep is the backstop when no relay runs at all.
 */
public final class OutboxRelay {

    /** Rows per claim transaction (sent as SendMessageBatch calls of 10). */
    static final int CLAIM = 100;

    /** What one run did. */
    public record Run(int published, int polls, int failedPolls) {
        public Map<String, Object> summary() {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("outboxPublished", published);
            summary.put("polls", polls);
            summary.put("failedPolls", failedPolls);
            return summary;
        }
    }

    private final OutboxPublisher publisher;
    private final Duration pollInterval;

    public OutboxRelay(OutboxPublisher publisher, Duration pollInterval) {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive: " + pollInterval);
        }
        this.publisher = publisher;
        this.pollInterval = pollInterval;
    }

    /** Relays until {@code budget} has passed (measured on {@link System#nanoTime()}) or the thread is interrupted. */
    public Run run(Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        int published = 0;
        int polls = 0;
        int failed = 0;
        while (!Thread.currentThread().isInterrupted()) {
            int sent = 0;
            polls++;
            try {
                sent = publisher.publish(CLAIM);
                published += sent;
            } catch (RuntimeException e) {
                // the database is unreachable or refused: the rows wait for the next poll
                failed++;
                JsonLog.warn("outbox relay poll failed", Map.of("error", e.toString()));
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            if (sent == CLAIM) {
                continue;   // a backlog: keep draining
            }
            try {
                // a pause that reaches the deadline is followed by one last poll, so a row
                // committed during it does not wait for the next run
                Thread.sleep(Duration.ofNanos(Math.min(left, pollInterval.toNanos())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new Run(published, polls, failed);
    }
}
