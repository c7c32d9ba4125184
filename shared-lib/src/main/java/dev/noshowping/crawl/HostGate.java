package dev.noshowping.crawl;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Politeness towards one host: at most {@code concurrency} requests in flight and at most
 * {@code ratePerSecond} started per second, for every task of the execution environment together.
 * A 429's {@code Retry-After} pauses the whole host, not only the request that got it.
 */
final class HostGate {

    private final Semaphore inFlight;
    private final long intervalNanos;
    private final ReentrantLock pacing = new ReentrantLock();
    private long nextStart = System.nanoTime();

    HostGate(int concurrency, double ratePerSecond) {
        this.inFlight = new Semaphore(Math.max(1, concurrency), true);
        this.intervalNanos = ratePerSecond <= 0 ? 0 : (long) (1_000_000_000L / ratePerSecond);
    }

    /** Waits for a slot and for the pace; the caller must {@link #release()} after its request. */
    void acquire() throws InterruptedException {
        inFlight.acquire();
        long wait;
        pacing.lock();
        try {
            long now = System.nanoTime();
            long start = Math.max(now, nextStart);
            nextStart = start + intervalNanos;
            wait = start - now;
        } finally {
            pacing.unlock();
        }
        if (wait > 0) {
            try {
                Thread.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                inFlight.release();
                throw e;
            }
        }
    }

    void release() {
        inFlight.release();
    }

    /** The host asked us to wait: nothing starts before {@code pause} from now. */
    void pause(Duration pause) {
        pacing.lock();
        try {
            nextStart = Math.max(nextStart, System.nanoTime() + pause.toNanos());
        } finally {
            pacing.unlock();
        }
    }
}
