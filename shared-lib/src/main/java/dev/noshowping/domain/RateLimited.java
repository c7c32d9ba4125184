package dev.noshowping.domain;

import java.time.Duration;

/** The user has used up {@code action} for now; the next attempt may succeed after {@code retryAfter}. */
public final class RateLimited extends DomainException {

    private final Enum<?> action;
    private final Duration retryAfter;

    public RateLimited(Enum<?> action, Duration retryAfter) {
        super("too many " + action + " requests; try again in " + seconds(retryAfter) + " s");
        this.action = action;
        this.retryAfter = retryAfter;
    }

    public Enum<?> action() {
        return action;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds to wait, rounded up; at least 1. */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    private static long seconds(Duration d) {
        long whole = d.toSeconds();
        return Math.max(1, d.equals(Duration.ofSeconds(whole)) ? whole : whole + 1);
    }
}
