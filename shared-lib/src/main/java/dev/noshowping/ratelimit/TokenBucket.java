package dev.noshowping.ratelimit;

import java.time.Duration;
import java.time.Instant;

/**
 * One user's bucket for one action: {@code tokens} left as of {@code refilledAt}. Pure: the
 * repository loads it under a row lock, {@link #take} decides, the repository stores the result.
 */
public record TokenBucket(double tokens, Instant refilledAt) {

    /** What a take decided: the bucket to store, and when the next token is due if none was left. */
    public sealed interface Take {
        record Taken(TokenBucket bucket) implements Take {
        }

        record Refused(Duration retryAfter) implements Take {
        }
    }

    public static TokenBucket full(RateLimit limit, Instant now) {
        return new TokenBucket(limit.burst(), now);
    }

    /** Takes one token if one has been earned by {@code now}. */
    public Take take(RateLimit limit, Instant now) {
        // a clock that went back (another machine's) earns nothing rather than a negative amount
        Instant from = now.isBefore(refilledAt) ? now : refilledAt;
        double earned = (double) Duration.between(from, now).toNanos() / limit.refillEvery().toNanos();
        double available = Math.min(limit.burst(), tokens + earned);
        if (available >= 1) {
            return new Take.Taken(new TokenBucket(available - 1, now));
        }
        // to the millisecond: finer is noise of the floating point above
        return new Take.Refused(Duration.ofMillis(Math.round((1 - available) * limit.refillEvery().toMillis())));
    }
}
