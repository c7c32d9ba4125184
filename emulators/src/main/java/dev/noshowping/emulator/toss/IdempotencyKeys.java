package dev.noshowping.emulator.toss;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Toss's Idempotency-Key records for the core API: per slot ({@link TossRequest#slot()}), either
 * "processing" or the first answer, which is replayed for 15 days. Not thread-safe: used under
 * {@link TossLedger}'s lock.
 */
final class IdempotencyKeys {

    static final Duration TTL = Duration.ofDays(15);

    /** Processing (answer null) or the first answer. */
    record Entry(Instant createdAt, Answer answer) {
    }

    private final Map<String, Entry> entries = new HashMap<>();

    /** The slot's entry if younger than 15 days at {@code now}; an older one is forgotten. */
    Entry live(String slot, Instant now) {
        Entry existing = entries.get(slot);
        if (existing != null && now.isAfter(existing.createdAt().plus(TTL))) {
            entries.remove(slot);
            return null;
        }
        return existing;
    }

    void answered(String slot, Instant now, Answer answer) {
        entries.put(slot, new Entry(now, answer));
    }

    /** Marks the slot as processing; returns the marker to {@link #release} later. */
    Entry processing(String slot, Instant now) {
        Entry marker = new Entry(now, null);
        entries.put(slot, marker);
        return marker;
    }

    /** Removes the processing marker, if it is still the slot's entry (nothing was kept under the key). */
    void release(String slot, Entry marker) {
        entries.remove(slot, marker);
    }

    void clear() {
        entries.clear();
    }
}
