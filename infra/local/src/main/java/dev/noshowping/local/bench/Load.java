package dev.noshowping.local.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs {@code count} operations on {@code clients} platform threads, each thread taking the next
 * index until none is left, and times every operation with {@link System#nanoTime()}.
 */
final class Load {

    @FunctionalInterface
    interface Operation {
        void run(int index) throws Exception;
    }

    private Load() {
    }

    static Latencies run(String name, int clients, int count, Operation operation) throws InterruptedException {
        long[] nanos = new long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        Thread[] threads = new Thread[clients];
        for (int t = 0; t < clients; t++) {
            threads[t] = Thread.ofPlatform().name("bench-" + name + "-" + t).start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    long start = System.nanoTime();
                    try {
                        operation.run(i);
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, e);
                    }
                    nanos[i] = System.nanoTime() - start;
                }
            });
        }
        long start = System.nanoTime();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        long wall = System.nanoTime() - start;
        if (failures.get() > 0) {
            throw new IllegalStateException(name + ": " + failures.get() + " of " + count + " operations failed; first: "
                    + firstFailure.get(), firstFailure.get());
        }
        return Latencies.of(nanos, wall);
    }
}
