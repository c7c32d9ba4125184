package dev.noshowping.emulator.toss;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the tests and benchmarks count per order to prove "exactly once": confirm calls received,
 * charges (money taken), cancel calls processed, money refunded. Concurrent.
 */
final class TossCounters {

    private final Map<String, AtomicInteger> confirmCalls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> charges = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> cancelCalls = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> refunded = new ConcurrentHashMap<>();

    void confirmCall(String orderId) {
        count(confirmCalls, orderId);
    }

    void charge(String orderId) {
        count(charges, orderId);
    }

    void cancelCall(String orderId) {
        count(cancelCalls, orderId);
    }

    void refund(String orderId, long amount) {
        refunded.computeIfAbsent(orderId, k -> new AtomicLong()).addAndGet(amount);
    }

    int confirmCalls(String orderId) {
        return read(confirmCalls, orderId);
    }

    int charges(String orderId) {
        return read(charges, orderId);
    }

    int cancelCalls(String orderId) {
        return read(cancelCalls, orderId);
    }

    long refunded(String orderId) {
        AtomicLong n = refunded.get(orderId);
        return n == null ? 0 : n.get();
    }

    /** Per order confirmed, charged or canceled: its confirm calls, charges, cancel calls and money refunded, by order id. */
    Map<String, Object> calls() {
        Map<String, Object> out = new TreeMap<>();
        Set<String> orders = new TreeSet<>(confirmCalls.keySet());
        orders.addAll(charges.keySet());
        orders.addAll(cancelCalls.keySet());
        for (String orderId : orders) {
            out.put(orderId, Map.of("confirmCalls", confirmCalls(orderId), "charges", charges(orderId),
                    "cancelCalls", cancelCalls(orderId), "refunded", refunded(orderId)));
        }
        return out;
    }

    void reset() {
        confirmCalls.clear();
        charges.clear();
        cancelCalls.clear();
        refunded.clear();
    }

    private static void count(Map<String, AtomicInteger> counter, String orderId) {
        counter.computeIfAbsent(orderId, k -> new AtomicInteger()).incrementAndGet();
    }

    private static int read(Map<String, AtomicInteger> counter, String orderId) {
        AtomicInteger n = counter.get(orderId);
        return n == null ? 0 : n.get();
    }
}
