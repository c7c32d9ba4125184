package dev.noshowping.emulator.toss;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Toss emulator's time: the real clock plus every {@link #advance}, so a test can expire a
 * session, a virtual account or an Idempotency-Key, or reach a webhook retry, without waiting.
 */
final class TossClock {

    private final AtomicLong offsetNanos = new AtomicLong();

    Instant now() {
        return Instant.now().plusNanos(offsetNanos.get());
    }

    void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward");
        }
        offsetNanos.addAndGet(d.toNanos());
    }

    void reset() {
        offsetNanos.set(0);
    }
}
