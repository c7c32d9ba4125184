package dev.noshowping.retention;

import dev.noshowping.config.ConfigurationException;
import dev.noshowping.config.Environment;
import dev.noshowping.ratelimit.RateLimit;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * How long what has served its purpose is kept (ISO-8601 durations; docs/architecture.md,
 * "Security", Retention, says why each).
 *
 * @param paymentEvents      webhook events, from their receipt ({@code PAYMENT_EVENT_RETENTION}, P400D)
 * @param idempotencyKeys    stored answers to an {@code Idempotency-Key}, from the first request
 *                           ({@code IDEMPOTENCY_KEY_RETENTION}, P15D): the replay window
 * @param unusedScreenshots  screenshots never linked to an article nor attached to an order, from
 *                           their upload URL ({@code UNUSED_SCREENSHOT_RETENTION}, P2D)
 * @param idleRateBuckets    token buckets untouched for this long ({@code RATE_BUCKET_IDLE}, P1D), never
 *                           less than any limit takes to refill: only full buckets are forgotten
 */
public record RetentionPeriods(Duration paymentEvents, Duration idempotencyKeys, Duration unusedScreenshots,
                               Duration idleRateBuckets) {

    public static final RetentionPeriods DEFAULT = new RetentionPeriods(Duration.ofDays(400), Duration.ofDays(15),
            Duration.ofDays(2), Duration.ofDays(1));

    public RetentionPeriods {
        for (Duration period : List.of(paymentEvents, idempotencyKeys, unusedScreenshots, idleRateBuckets)) {
            if (!period.isPositive()) {
                throw new ConfigurationException("retention periods must be positive, was " + period);
            }
        }
    }

    /** From the environment; the idle period of buckets grows to the slowest of {@code limits} to refill. */
    public static RetentionPeriods from(Environment env, List<RateLimit> limits) {
        Duration idle = duration(env, "RATE_BUCKET_IDLE", DEFAULT.idleRateBuckets);
        for (RateLimit limit : limits) {
            if (limit.fullAfter().compareTo(idle) > 0) {
                idle = limit.fullAfter();
            }
        }
        return new RetentionPeriods(duration(env, "PAYMENT_EVENT_RETENTION", DEFAULT.paymentEvents),
                duration(env, "IDEMPOTENCY_KEY_RETENTION", DEFAULT.idempotencyKeys),
                duration(env, "UNUSED_SCREENSHOT_RETENTION", DEFAULT.unusedScreenshots), idle);
    }

    private static Duration duration(Environment env, String name, Duration fallback) {
        try {
            return env.optional(name).map(Duration::parse).orElse(fallback);
        } catch (DateTimeParseException e) {
            throw new ConfigurationException(name + " must be an ISO-8601 duration such as P2D");
        }
    }
}
