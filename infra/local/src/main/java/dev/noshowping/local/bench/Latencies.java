package dev.noshowping.local.bench;

import java.util.Arrays;

/** What one measured phase came to: latency percentiles (nearest rank) and throughput. */
record Latencies(int count, double p50Ms, double p90Ms, double p99Ms, double maxMs, double perSecond) {

    /** @param nanos one latency per operation; sorted in place */
    static Latencies of(long[] nanos, long wallNanos) {
        Arrays.sort(nanos);
        return new Latencies(nanos.length, ms(rank(nanos, 0.50)), ms(rank(nanos, 0.90)), ms(rank(nanos, 0.99)),
                ms(nanos[nanos.length - 1]), nanos.length / (wallNanos / 1e9));
    }

    private static long rank(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
