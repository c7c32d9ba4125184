package dev.noshowping.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Duration;

/**
 * When work must stop so that the invocation still answers (and reports what it did not do)
 * before Lambda ends it at its timeout. Loops check it before each item; what is left is done by
 * the next run or the next delivery.
 */
public final class Deadline {

    /** No limit: a direct call without a Lambda context. */
    public static final Deadline NONE = new Deadline(0, false);

    private final long nanoTime;
    private final boolean bounded;

    private Deadline(long nanoTime, boolean bounded) {
        this.nanoTime = nanoTime;
        this.bounded = bounded;
    }

    public static Deadline in(Duration fromNow) {
        return new Deadline(System.nanoTime() + fromNow.toNanos(), true);
    }

    /** {@code margin} before the invocation's timeout (none without a context). */
    public static Deadline of(Context context, Duration margin) {
        return context == null ? NONE : in(Duration.ofMillis(context.getRemainingTimeInMillis()).minus(margin));
    }

    public boolean passed() {
        return bounded && System.nanoTime() - nanoTime >= 0;
    }

    /** Whether {@code work} fits before the deadline. */
    public boolean allows(Duration work) {
        return !bounded || nanoTime - System.nanoTime() >= work.toNanos();
    }

    /** Time left, never negative; {@code fallback} when unbounded. */
    public Duration remaining(Duration fallback) {
        return bounded ? Duration.ofNanos(Math.max(0, nanoTime - System.nanoTime())) : fallback;
    }
}
