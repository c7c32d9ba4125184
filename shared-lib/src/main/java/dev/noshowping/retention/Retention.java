package dev.noshowping.retention;

import dev.noshowping.db.Transaction;
import dev.noshowping.idempotency.IdempotencyKeyRepository;
import dev.noshowping.log.JsonLog;
import dev.noshowping.order.PaymentEventRepository;
import dev.noshowping.ratelimit.RateLimits;
import dev.noshowping.screenshot.ScreenshotRepository;
import dev.noshowping.screenshot.ScreenshotStorage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Deletes what is past its {@link RetentionPeriods period}: webhook events, stored idempotent
 * answers, idle token buckets, unused screenshots with their objects. At most {@code batch} of
 * each kind per run, oldest first, so a backlog drains over a few runs instead of overrunning
 * one. Each kind runs apart: one that fails is logged, the others still run, and the run then
 * fails so that it is seen.
 */
public final class Retention {

    /** One kind of deletion, counting what it deleted. */
    @FunctionalInterface
    private interface Kind {
        int run(Instant now);
    }

    private final Supplier<DataSource> dataSource;
    private final Supplier<ScreenshotStorage> storage;
    private final RetentionPeriods periods;
    private final Clock clock;
    private final int batch;

    public Retention(Supplier<DataSource> dataSource, Supplier<ScreenshotStorage> storage, RetentionPeriods periods,
                     Clock clock, int batch) {
        this.dataSource = dataSource;
        this.storage = storage;
        this.periods = periods;
        this.clock = clock;
        this.batch = batch;
    }

    /** What each kind deleted; throws {@link RetentionFailed} after the others ran if any failed. */
    public Map<String, Object> run() {
        Instant now = clock.instant();
        Map<String, Object> summary = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        kind("paymentEventsDeleted", this::paymentEvents, now, summary, failed);
        kind("idempotencyKeysDeleted", this::idempotencyKeys, now, summary, failed);
        kind("rateBucketsForgotten", this::rateBuckets, now, summary, failed);
        // rows before objects: the objects of this run's rows go out in the same run
        kind("unusedScreenshotsDeleted", this::unusedScreenshots, now, summary, failed);
        kind("screenshotObjectsDeleted", this::screenshotObjects, now, summary, failed);
        if (!failed.isEmpty()) {
            throw new RetentionFailed(failed, summary);
        }
        return summary;
    }

    private int paymentEvents(Instant now) {
        return Transaction.run(dataSource.get(),
                c -> PaymentEventRepository.forgetReceivedBefore(c, now.minus(periods.paymentEvents()), batch));
    }

    private int idempotencyKeys(Instant now) {
        return Transaction.run(dataSource.get(),
                c -> IdempotencyKeyRepository.forgetCreatedBefore(c, now.minus(periods.idempotencyKeys()), batch));
    }

    private int rateBuckets(Instant now) {
        return Transaction.run(dataSource.get(),
                c -> RateLimits.forgetRefilledBefore(c, now.minus(periods.idleRateBuckets()), batch));
    }

    private int unusedScreenshots(Instant now) {
        return Transaction.run(dataSource.get(),
                c -> ScreenshotRepository.forgetUnused(c, now.minus(periods.unusedScreenshots()), batch));
    }

    /**
     * The rows are gone already, so nothing can link these objects any more; each leaves the queue
     * only once S3 confirmed its delete. The first failure ends the kind: S3 in trouble would fail
     * the rest too, each after a timeout, and the next run tries again.
     */
    private int screenshotObjects(Instant now) {
        List<String> keys = Transaction.read(dataSource.get(), c -> ScreenshotRepository.objectsToDelete(c, batch));
        int deleted = 0;
        for (String key : keys) {
            storage.get().delete(key);
            Transaction.autocommit(dataSource.get(), c -> {
                ScreenshotRepository.objectDeleted(c, key);
                return null;
            });
            deleted++;
        }
        return deleted;
    }

    private static void kind(String name, Kind kind, Instant now, Map<String, Object> summary, List<String> failed) {
        try {
            summary.put(name, kind.run(now));
        } catch (RuntimeException e) {
            JsonLog.error("retention of " + name + " failed; the next run tries again", Map.of("kind", name), e);
            failed.add(name);
        }
    }

    /** Some kinds failed; the summary says what the others did. */
    public static final class RetentionFailed extends IllegalStateException {
        public RetentionFailed(List<String> failed, Map<String, Object> summary) {
            super("retention failed for " + failed + "; done: " + summary);
        }
    }
}
