package dev.noshowping.crawl;

import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Politeness towards one host: at most {@code concurrency} requests in flight and at most
 * {@code ratePerSecond} started per second, for every task of the execution environment together.
 * A 429's {@code Retry-After} pauses the whole host, not only the request that got it.
 *
 * <p>A free slot goes to the waiting request with the lowest priority number (the crawl passes how
 * many pages its task has fetched), first come first served among equals. Tasks that started late
 * thereby catch up, and a batch's walks end together instead of one walk finishing alone on an
 * otherwise idle host.
 */
final class HostGate {

    private record Waiter(int priority, long arrival) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Waiter> waiting = new PriorityQueue<>(
            Comparator.comparingInt(Waiter::priority).thenComparingLong(Waiter::arrival));
    private final long intervalNanos;
    private int free;
    private long arrivals;
    private long nextStart = System.nanoTime();

    HostGate(int concurrency, double ratePerSecond) {
        this.free = Math.max(1, concurrency);
        this.intervalNanos = ratePerSecond <= 0 ? 0 : (long) (1_000_000_000L / ratePerSecond);
    }

    /** Waits for a slot and for the pace; the caller must {@link #release()} after its request. */
    void acquire(int priority) throws InterruptedException {
        long wait;
        lock.lock();
        try {
            Waiter me = new Waiter(priority, arrivals++);
            waiting.add(me);
            try {
                while (waiting.peek() != me || free == 0) {
                    changed.await();
                }
            } catch (InterruptedException e) {
                waiting.remove(me);
                changed.signalAll();
                throw e;
            }
            waiting.poll();
            free--;
            changed.signalAll();   // the next in line may take another free slot
            long now = System.nanoTime();
            long start = Math.max(now, nextStart);
            nextStart = start + intervalNanos;
            wait = start - now;
        } finally {
            lock.unlock();
        }
        if (wait > 0) {
            try {
                Thread.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                release();
                throw e;
            }
        }
    }

    void release() {
        lock.lock();
        try {
            free++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The host asked us to wait: nothing starts before {@code pause} from now. */
    void pause(Duration pause) {
        lock.lock();
        try {
            nextStart = Math.max(nextStart, System.nanoTime() + pause.toNanos());
        } finally {
            lock.unlock();
        }
    }
}
