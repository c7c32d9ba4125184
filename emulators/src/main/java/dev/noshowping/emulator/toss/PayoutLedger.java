package dev.noshowping.emulator.toss;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Toss emulator's payout state (지급대행 v2): sellers, payouts, the platform's balance, and what tests
 * arrange (balance, invalid accounts, seller statuses, lost answers). {@link PayoutApi} serves it under
 * {@code /v2}; tests reach it as {@code toss.payouts()}. docs/toss.md lists what it follows and chose.
 *
 * <p>Payouts are accepted as REQUESTED and settled by {@link #completePayouts()}, which stands for Toss's
 * bank transfer: each becomes COMPLETED, or FAILED when its seller's account was marked invalid, and a
 * signed {@code payout.changed} goes to the emulator's webhook URL. Thread-safe: one lock, never held
 * while a webhook is sent.
 */
public final class PayoutLedger {

    /** What a test sees of one payout. {@code errorCode} is set for FAILED payouts only. */
    public record Payout(String id, String refPayoutId, String destination, long amount, String scheduleType,
            LocalDate payoutDate, String status, String errorCode) {
    }

    /** Sends one webhook and answers the receiver's status (-1 unreachable); the signer gets the transmission time. */
    interface WebhookSender {
        int send(String eventType, String body, Function<String, String> signer);
    }

    static final String PAYOUT_CHANGED = "payout.changed";
    static final String INVALID_ACCOUNT = "INVALID_ACCOUNT_INFO";
    static final Duration IDEMPOTENCY_TTL = Duration.ofDays(15);

    final ReentrantLock lock = new ReentrantLock();
    // guarded by lock
    final Map<String, Seller> sellers = new HashMap<>();
    final Set<String> refSellerIds = new java.util.HashSet<>();
    final List<Entry> payouts = new ArrayList<>();
    final Map<String, Entry> byRef = new HashMap<>();
    final Set<String> invalidAccounts = new java.util.HashSet<>();
    final Map<String, Stored> idempotency = new HashMap<>();
    long available;
    long pending;
    int answersToLose;

    private final AtomicInteger payoutRequestCalls = new AtomicInteger();
    private final Supplier<Instant> clock;
    private final WebhookSender webhooks;
    private final SecurityKey securityKey;
    private final SecureRandom random = new SecureRandom();

    PayoutLedger(Supplier<Instant> clock, WebhookSender webhooks, SecurityKey securityKey) {
        this.clock = clock;
        this.webhooks = webhooks;
        this.securityKey = securityKey;
    }

    /** A registered seller (under lock). */
    static final class Seller {
        final String id;
        final Map<String, Object> registration;
        final String accountKey;
        String status;

        Seller(String id, Map<String, Object> registration, String accountKey, String status) {
            this.id = id;
            this.registration = registration;
            this.accountKey = accountKey;
            this.status = status;
        }

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", id);
            json.putAll(registration);
            json.put("status", status);
            return json;
        }
    }

    /** A payout (under lock). */
    static final class Entry {
        final String id;
        final String refPayoutId;
        final String destination;
        final long amount;
        final String scheduleType;
        final LocalDate payoutDate;
        final String description;
        final Instant requestedAt;
        String status = "REQUESTED";
        Map<String, Object> error;

        Entry(String id, String refPayoutId, String destination, long amount, String scheduleType, LocalDate payoutDate,
                String description, Instant requestedAt) {
            this.id = id;
            this.refPayoutId = refPayoutId;
            this.destination = destination;
            this.amount = amount;
            this.scheduleType = scheduleType;
            this.payoutDate = payoutDate;
            this.description = description;
            this.requestedAt = requestedAt;
        }

        /** Toss's Payout object. */
        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", id);
            json.put("refPayoutId", refPayoutId);
            json.put("destination", destination);
            json.put("scheduleType", scheduleType);
            json.put("payoutDate", payoutDate.toString());
            json.put("amount", Map.of("currency", "KRW", "value", amount));
            json.put("transactionDescription", description);
            json.put("requestedAt", TossPayment.time(requestedAt));
            json.put("status", status);
            json.put("error", error);
            json.put("metadata", null);
            return json;
        }

        Payout snapshot() {
            return new Payout(id, refPayoutId, destination, amount, scheduleType, payoutDate, status,
                    error == null ? null : (String) error.get("code"));
        }
    }

    /** An Idempotency-Key's first answer, replayed for 15 days. */
    record Stored(Instant createdAt, Answer answer) {
    }

    // ------------------------------------------------------------------ what tests arrange and read

    /** The platform's payable balance (KRW); pending stays as it was. */
    public void setBalance(long available) {
        setBalance(available, pending());
    }

    public void setBalance(long available, long pending) {
        if (available < 0 || pending < 0) {
            throw new IllegalArgumentException("balances are not negative");
        }
        lock.lock();
        try {
            this.available = available;
            this.pending = pending;
        } finally {
            lock.unlock();
        }
    }

    public long available() {
        lock.lock();
        try {
            return available;
        } finally {
            lock.unlock();
        }
    }

    public long pending() {
        lock.lock();
        try {
            return pending;
        } finally {
            lock.unlock();
        }
    }

    /** Transfers to this account fail: its payouts end FAILED with {@code INVALID_ACCOUNT_INFO}. */
    public void markAccountInvalid(String bankCode, String accountNumber) {
        lock.lock();
        try {
            invalidAccounts.add(accountKey(bankCode, accountNumber));
        } finally {
            lock.unlock();
        }
    }

    /** Sets a seller's status, e.g. {@code KYC_REQUIRED}, to which Toss refuses payouts. */
    public void sellerStatus(String sellerId, String status) {
        lock.lock();
        try {
            Seller seller = sellers.get(sellerId);
            if (seller == null) {
                throw new IllegalArgumentException("no seller " + sellerId);
            }
            seller.status = status;
        } finally {
            lock.unlock();
        }
    }

    /** Every payout to Toss's seller id {@code sellerId}, oldest first. */
    public List<Payout> payoutsTo(String sellerId) {
        lock.lock();
        try {
            return payouts.stream().filter(p -> p.destination.equals(sellerId)).map(Entry::snapshot).toList();
        } finally {
            lock.unlock();
        }
    }

    /** Every payout, oldest first. */
    public List<Payout> payouts() {
        lock.lock();
        try {
            return payouts.stream().map(Entry::snapshot).toList();
        } finally {
            lock.unlock();
        }
    }

    /** How many payouts Toss holds under our {@code refPayoutId}: exactly-once means never above 1. */
    public int payoutCount(String refPayoutId) {
        lock.lock();
        try {
            return (int) payouts.stream().filter(p -> p.refPayoutId.equals(refPayoutId)).count();
        } finally {
            lock.unlock();
        }
    }

    /** {@code POST /v2/payouts} requests received, refused and replayed ones included. */
    public int payoutRequestCalls() {
        return payoutRequestCalls.get();
    }

    /** The next {@code times} payout requests are processed, then their connection closes unanswered. */
    public void loseAnswers(int times) {
        lock.lock();
        try {
            answersToLose += times;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Toss's transfer of every due REQUESTED payout (EXPRESS ones, SCHEDULED ones whose date has come, in the
     * emulator's clock, Korean date): COMPLETED, or FAILED with {@code INVALID_ACCOUNT_INFO} and the amount
     * back in the available balance. Then one {@code payout.changed} per payout, if a webhook URL is set;
     * this returns once the receiver answered them. Returns the settled payouts.
     */
    public List<Payout> completePayouts() {
        List<Entry> settled = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        lock.lock();
        try {
            Instant now = clock.get();
            LocalDate today = now.atOffset(TossPayment.KST).toLocalDate();
            for (Entry p : payouts) {
                if (!"REQUESTED".equals(p.status) || p.payoutDate.isAfter(today)) {
                    continue;
                }
                Seller seller = sellers.get(p.destination);
                if (invalidAccounts.contains(seller.accountKey)) {
                    p.status = "FAILED";
                    p.error = new LinkedHashMap<>(Map.of("code", INVALID_ACCOUNT,
                            "message", "The seller's bank account is invalid or closed."));
                    available += p.amount;
                } else {
                    p.status = "COMPLETED";
                }
                settled.add(p);
                bodies.add(payoutChanged(p, now));
            }
        } finally {
            lock.unlock();
        }
        for (String body : bodies) {
            webhooks.send(PAYOUT_CHANGED, body, time -> securityKey.webhookSignature(body, time));
        }
        return settled.stream().map(Entry::snapshot).toList();
    }

    /** Forgets sellers, payouts, keys, balance and arrangements. */
    void reset() {
        lock.lock();
        try {
            sellers.clear();
            refSellerIds.clear();
            payouts.clear();
            byRef.clear();
            invalidAccounts.clear();
            idempotency.clear();
            available = 0;
            pending = 0;
            answersToLose = 0;
            payoutRequestCalls.set(0);
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ for PayoutApi (under lock)

    void countRequest() {
        payoutRequestCalls.incrementAndGet();
    }

    Instant now() {
        return clock.get();
    }

    SecurityKey securityKey() {
        return securityKey;
    }

    static String accountKey(String bankCode, String accountNumber) {
        return bankCode + "/" + accountNumber;
    }

    /** An id in the shape of Toss's seller ids ({@code seller_a01kf0w9vdgezd8rdkrt43qvq3g}). */
    String newId(String prefix) {
        String alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
        StringBuilder sb = new StringBuilder(prefix).append("_a01");
        for (int i = 0; i < 26; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    String traceId() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return java.util.HexFormat.of().formatHex(b).toLowerCase(Locale.ROOT);
    }

    /** The {@code payout.changed} body (https://techchat.tosspayments.com/m/1314076830268915843 shows one). */
    private String payoutChanged(Entry p, Instant now) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventType", PAYOUT_CHANGED);
        event.put("createdAt", TossPayment.time(now));
        event.put("version", PayoutApi.VERSION);
        event.put("eventId", newId("evt"));
        event.put("entityType", "payout");
        event.put("entityBody", p.toJson());
        return PayoutApi.write(event);
    }
}
