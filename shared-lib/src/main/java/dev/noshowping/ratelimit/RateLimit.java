package dev.noshowping.ratelimit;

import dev.noshowping.config.ConfigurationException;
import dev.noshowping.config.Environment;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * How often a user may do {@code action}: up to {@code burst} times at once, then once more every
 * {@code refillEvery} (a token bucket of {@code burst} tokens, refilled one token per {@code refillEvery}).
 */
public record RateLimit(LimitedAction action, int burst, Duration refillEvery) {

    public RateLimit {
        if (burst < 1) {
            throw new ConfigurationException(action + " burst must be at least 1, was " + burst);
        }
        if (!refillEvery.isPositive()) {
            throw new ConfigurationException(action + " refill period must be positive, was " + refillEvery);
        }
    }

    /**
     * The limit from {@code <PREFIX>_BURST} and {@code <PREFIX>_REFILL_EVERY} (an ISO-8601 duration),
     * each falling back to {@code fallback}'s.
     */
    public static RateLimit from(Environment env, String prefix, RateLimit fallback) {
        String refillName = prefix + "_REFILL_EVERY";
        try {
            return new RateLimit(fallback.action(), env.getInt(prefix + "_BURST", fallback.burst()),
                    env.optional(refillName).map(Duration::parse).orElse(fallback.refillEvery()));
        } catch (DateTimeParseException e) {
            throw new ConfigurationException(refillName + " must be an ISO-8601 duration such as PT10M");
        }
    }

    /** How long an untouched bucket takes to be full again, from empty. */
    public Duration fullAfter() {
        return refillEvery.multipliedBy(burst);
    }
}
