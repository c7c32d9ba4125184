package dev.noshowping.emulator.toss;

import static dev.noshowping.emulator.toss.TossJson.amount;
import static dev.noshowping.emulator.toss.TossJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.emulator.toss.TossEmulator.Method;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * The payments inside the Toss emulator and what happened to them: checkout sessions, approvals,
 * deposits, cancels, the Idempotency-Key records, the money counters, and the emulator clock.
 *
 * <p>Payments, sessions and idempotency records are read and changed under one lock, which is never
 * held while sleeping or calling out: the webhooks an action causes are sent once it is released.
 */
final class TossLedger {

    static final Duration SESSION_TTL = Duration.ofMinutes(10);
    static final Duration TIMEOUT_HOLD = Duration.ofSeconds(30);
    static final Duration DEFAULT_VIRTUAL_ACCOUNT_VALIDITY = Duration.ofDays(3);
    static final Pattern ORDER_ID = Pattern.compile("^[A-Za-z0-9_-]{6,64}$");
    static final String DEPOSIT_CALLBACK = "DEPOSIT_CALLBACK";
    static final String PAYMENT_STATUS_CHANGED = "PAYMENT_STATUS_CHANGED";
    private static final DateTimeFormatter WEBHOOK_CREATED_AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter KEY_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final Set<String> APPROVED = Set.of("DONE", "WAITING_FOR_DEPOSIT", "CANCELED", "PARTIAL_CANCELED");

    /** A webhook an action causes, sent once the lock is released. */
    private record Webhook(String eventType, String body) {
    }

    record Deposit(boolean deposited, String callbackBody) {
    }

    private final String baseUrl;
    private final TossClock clock;
    private final TossWebhooks webhooks;
    private final TossIds ids = new TossIds();
    private final ReentrantLock lock = new ReentrantLock();
    // guarded by lock
    private final Map<String, TossPayment> byKey = new HashMap<>();
    private final Map<String, List<TossPayment>> byOrder = new HashMap<>();
    private final IdempotencyKeys idempotency = new IdempotencyKeys();
    private final List<Webhook> afterUnlock = new ArrayList<>();

    private final TossCounters counters = new TossCounters();
    private final AtomicInteger cancelRefusals = new AtomicInteger();
    private volatile Duration virtualAccountValidity = DEFAULT_VIRTUAL_ACCOUNT_VALIDITY;
    private volatile CountDownLatch holdRelease = new CountDownLatch(1);

    /** @param baseUrl the emulator's, for the receipt and checkout URLs inside a Payment object */
    TossLedger(String baseUrl, TossClock clock, TossWebhooks webhooks) {
        this.baseUrl = baseUrl;
        this.clock = clock;
        this.webhooks = webhooks;
    }

    private Instant now() {
        return clock.now();
    }

    /** Validity of the virtual accounts issued from now on (the merchant's widget setting). */
    void virtualAccountValidity(Duration d) {
        this.virtualAccountValidity = d;
    }

    // ------------------------------------------------------------------ what the widget and the buyer do

    String checkout(String orderId, long amount, Method method, String orderName, String customerName) {
        if (orderId == null || !ORDER_ID.matcher(orderId).matches()) {
            throw new IllegalArgumentException("INVALID_ORDER_ID: orderId must match " + ORDER_ID.pattern());
        }
        if (amount <= 0) {
            throw new IllegalArgumentException("BELOW_ZERO_AMOUNT: amount must be positive");
        }
        if (method == null) {
            throw new IllegalArgumentException("method is required");
        }
        lock.lock();
        try {
            Instant now = now();
            if (approvedPayment(orderId, null) != null) {
                throw new IllegalStateException("DUPLICATED_ORDER_ID: order " + orderId + " was already approved");
            }
            String paymentKey;
            do {
                paymentKey = "tnosh" + KEY_TIME.format(now.atOffset(TossPayment.KST)) + ids.alnum(5);
            } while (byKey.containsKey(paymentKey));
            TossPayment payment = new TossPayment(paymentKey, orderId, orderName, method, amount, customerName,
                    now, SESSION_TTL, virtualAccountValidity);
            byKey.put(paymentKey, payment);
            byOrder.computeIfAbsent(orderId, k -> new ArrayList<>()).add(payment);
            return paymentKey;
        } finally {
            lock.unlock();
        }
    }

    void widgetRefundAccount(String paymentKey, String bankCode, String accountNumber, String holderName) {
        lock.lock();
        try {
            TossPayment payment = byKey.get(paymentKey);
            if (payment == null || payment.method != Method.VIRTUAL_ACCOUNT) {
                throw new IllegalArgumentException("no virtual-account checkout " + paymentKey);
            }
            Map<String, Object> account = new LinkedHashMap<>();
            account.put("bankCode", bankCode);
            account.put("accountNumber", accountNumber);
            account.put("holderName", holderName);
            payment.widgetRefundAccount = account;
        } finally {
            lock.unlock();
        }
    }

    /** The buyer pays the unpaid, unexpired virtual account of {@code orderId} in full: DONE, and its callback's body. */
    Deposit deposit(String orderId) {
        lock.lock();
        try {
            Instant now = now();
            TossPayment payment = currentPayment(orderId);
            if (payment == null) {
                return new Deposit(false, null);
            }
            payment.refresh(now);
            if (payment.method != Method.VIRTUAL_ACCOUNT || !"WAITING_FOR_DEPOSIT".equals(payment.status)
                    || payment.virtualAccountExpired(now)) {
                return new Deposit(false, null);
            }
            payment.status = "DONE";
            payment.approvedAt = now;
            payment.depositorName = payment.customerName;
            payment.lastTransactionKey = ids.transactionKey();
            counters.charge(orderId);
            return new Deposit(true, depositCallbackBody(payment, now));
        } finally {
            lock.unlock();
        }
    }

    /** PAYMENT_STATUS_CHANGED's body with the current Payment object of {@code orderId}. */
    String paymentStatusChangedBody(String orderId) {
        lock.lock();
        try {
            TossPayment payment = currentPayment(orderId);
            if (payment == null) {
                throw new IllegalArgumentException("no payment for order " + orderId);
            }
            Instant now = now();
            payment.refresh(now);
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("eventType", PAYMENT_STATUS_CHANGED);
            event.put("createdAt", WEBHOOK_CREATED_AT.format(now.atOffset(TossPayment.KST)));
            event.put("data", payment.toJson(now, baseUrl));
            return TossJson.write(event);
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ counters

    TossCounters counters() {
        return counters;
    }

    void refuseCancels(int times) {
        cancelRefusals.set(times);
    }

    // ------------------------------------------------------------------ the API's actions

    /** POST /v1/payments/confirm, under the request's Idempotency-Key. */
    Answer confirm(TossRequest request, boolean rejectCard) {
        return idempotent(request, () -> approve(TossJson.parse(request.body()), request, rejectCard));
    }

    /** POST /v1/payments/{paymentKey}/cancel, under the request's Idempotency-Key; a refusal queued by {@link #refuseCancels} first. */
    Answer cancel(String paymentKey, TossRequest request) {
        return idempotent(request, () -> cancelRefusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                ? refusedCancel(paymentKey, request) : cancel(paymentKey, TossJson.parse(request.body()), request));
    }

    Answer lookupByKey(String paymentKey, TossRequest request) {
        lock.lock();
        try {
            return lookedUp(byKey.get(paymentKey), request);
        } finally {
            lock.unlock();
        }
    }

    Answer lookupByOrder(String orderId, TossRequest request) {
        lock.lock();
        try {
            return lookedUp(currentPayment(orderId), request);
        } finally {
            lock.unlock();
        }
    }

    private Answer lookedUp(TossPayment payment, TossRequest request) {
        if (payment == null) {
            return request.refuse(TossError.NOT_FOUND_PAYMENT);
        }
        Instant now = now();
        payment.refresh(now);
        return TossJson.ok(payment.toJson(now, baseUrl));
    }

    /** TIMEOUT: the request sits for 30 s (its key, if new, is "processing"), then fails; nothing processed. */
    Answer hold(TossRequest request) {
        String slot = request.slot();
        IdempotencyKeys.Entry marker = null;
        if (slot != null) {
            lock.lock();
            try {
                if (idempotency.live(slot, now()) == null) {
                    marker = idempotency.processing(slot, now());
                }
            } finally {
                lock.unlock();
            }
        }
        try {
            holdRelease.await(TIMEOUT_HOLD.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (marker != null) {
                lock.lock();
                try {
                    idempotency.release(slot, marker);
                } finally {
                    lock.unlock();
                }
            }
        }
        return request.refuse(TossError.FAILED_INTERNAL_SYSTEM_PROCESSING);
    }

    /** Lets every held request fail now (reset, close). */
    void releaseHeld() {
        CountDownLatch held = holdRelease;
        holdRelease = new CountDownLatch(1);
        held.countDown();
    }

    /** Forgets payments, keys, counters and the virtual-account validity; releases held requests. */
    void reset() {
        lock.lock();
        try {
            byKey.clear();
            byOrder.clear();
            idempotency.clear();
            afterUnlock.clear();
            counters.reset();
            cancelRefusals.set(0);
            virtualAccountValidity = DEFAULT_VIRTUAL_ACCOUNT_VALIDITY;
            releaseHeld();
        } finally {
            lock.unlock();
        }
    }

    private interface Work {
        Answer run();
    }

    /**
     * Toss's Idempotency-Key: the first answer is replayed for 15 days; while the first is processing,
     * 409. The work runs under the lock; the webhooks it causes are sent after.
     */
    private Answer idempotent(TossRequest request, Work work) {
        String slot = request.slot();
        List<Webhook> after;
        Answer answer;
        lock.lock();
        try {
            if (slot != null) {
                IdempotencyKeys.Entry existing = idempotency.live(slot, now());
                if (existing != null) {
                    return existing.answer() != null ? existing.answer()
                            : request.refuse(TossError.IDEMPOTENT_REQUEST_PROCESSING);
                }
            }
            answer = work.run();
            if (slot != null) {
                idempotency.answered(slot, now(), answer);
            }
            after = List.copyOf(afterUnlock);
            afterUnlock.clear();
        } finally {
            lock.unlock();
        }
        after.forEach(w -> webhooks.sendInBackground(w.eventType(), w.body()));
        return answer;
    }

    /** The approval itself (under lock). */
    private Answer approve(JsonNode body, TossRequest request, boolean rejectCard) {
        String paymentKey = text(body, "paymentKey");
        String orderId = text(body, "orderId");
        Long amount = amount(body, "amount");
        if (paymentKey == null || orderId == null || amount == null) {
            return request.refuse(TossError.INVALID_REQUEST);
        }
        if (!ORDER_ID.matcher(orderId).matches()) {
            return request.refuse(TossError.INVALID_ORDER_ID);
        }
        Instant now = now();
        TossPayment payment = byKey.get(paymentKey);
        if (payment == null) {
            return request.refuse(TossError.NOT_FOUND_PAYMENT_SESSION);
        }
        payment.refresh(now);
        if (APPROVED.contains(payment.status)) {
            return request.refuse(TossError.ALREADY_PROCESSED_PAYMENT);
        }
        if (!"IN_PROGRESS".equals(payment.status) || !payment.orderId.equals(orderId)) {
            return request.refuse(TossError.NOT_FOUND_PAYMENT_SESSION);
        }
        if (amount != payment.totalAmount) {
            return request.refuse(TossError.INVALID_REQUEST);
        }
        if (approvedPayment(orderId, payment) != null) {
            return request.refuse(TossError.DUPLICATED_ORDER_ID);
        }
        payment.lastTransactionKey = ids.transactionKey();
        if (rejectCard) {
            payment.status = "ABORTED";
            payment.failure = failure(TossError.REJECT_CARD_PAYMENT);
            return request.refuse(TossError.REJECT_CARD_PAYMENT);
        }
        payment.secret = "ps_" + ids.alnum(27);
        if (payment.method == Method.CARD) {
            payment.status = "DONE";
            payment.approvedAt = now;
            payment.card = card(payment.totalAmount);
            counters.charge(orderId);
        } else {
            payment.status = "WAITING_FOR_DEPOSIT";
            payment.accountNumber = "X" + ids.digits(13);
            payment.bankCode = "20";
            payment.dueDate = now.plus(payment.virtualAccountValidity);
            afterUnlock.add(new Webhook(DEPOSIT_CALLBACK, depositCallbackBody(payment, now)));
        }
        return TossJson.ok(payment.toJson(now, baseUrl));
    }

    private Answer cancel(String paymentKey, JsonNode body, TossRequest request) {
        Instant now = now();
        TossPayment payment = byKey.get(paymentKey);
        if (payment == null) {
            return request.refuse(TossError.NOT_FOUND_PAYMENT);
        }
        payment.refresh(now);
        counters.cancelCall(payment.orderId);
        String reason = text(body, "cancelReason");
        if (reason == null || reason.isBlank() || reason.length() > 200) {
            return request.refuse(TossError.INVALID_REQUEST);
        }
        Long requested = body.hasNonNull("cancelAmount") ? amount(body, "cancelAmount") : null;
        if (body.hasNonNull("cancelAmount") && (requested == null || requested <= 0)) {
            return request.refuse(TossError.INVALID_REFUND_AMOUNT);
        }
        switch (payment.status) {
            case "CANCELED" -> {
                return request.refuse(TossError.ALREADY_CANCELED_PAYMENT);
            }
            case "DONE", "PARTIAL_CANCELED", "WAITING_FOR_DEPOSIT" -> {
                // cancelable
            }
            default -> {
                return request.refuse(TossError.NOT_CANCELABLE_PAYMENT);
            }
        }
        long cancelAmount = requested == null ? payment.balanceAmount : requested;
        if (cancelAmount > payment.balanceAmount) {
            return request.refuse(TossError.NOT_CANCELABLE_AMOUNT);
        }
        boolean virtualAccount = payment.method == Method.VIRTUAL_ACCOUNT;
        if (virtualAccount && "WAITING_FOR_DEPOSIT".equals(payment.status) && cancelAmount != payment.balanceAmount) {
            return request.refuse(TossError.NOT_ALLOWED_PARTIAL_REFUND_WAITING_DEPOSIT);
        }
        boolean refund = virtualAccount && !"WAITING_FOR_DEPOSIT".equals(payment.status);
        if (refund) {
            JsonNode account = body.get("refundReceiveAccount");
            if (account == null || !account.isObject()) {
                return request.refuse(TossError.INVALID_REQUIRED_PARAM);
            }
            String bank = text(account, "bank");
            String number = text(account, "accountNumber");
            String holder = text(account, "holderName");
            if (bank == null || bank.isBlank() || number == null || holder == null || holder.isBlank()
                    || holder.length() > 60) {
                return request.refuse(TossError.INVALID_REQUIRED_PARAM);
            }
            if (!number.matches("\\d{1,20}")) {
                return request.refuse(TossError.INVALID_REFUND_ACCOUNT_NUMBER);
            }
            payment.refundStatus = "PENDING";
            payment.refundRequestedAt = now;
        }
        if (!"WAITING_FOR_DEPOSIT".equals(payment.status)) {
            counters.refund(payment.orderId, cancelAmount);
        }
        payment.balanceAmount -= cancelAmount;
        payment.status = payment.balanceAmount == 0 ? "CANCELED" : "PARTIAL_CANCELED";
        String transactionKey = ids.transactionKey();
        payment.lastTransactionKey = transactionKey;
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("transactionKey", transactionKey);
        entry.put("cancelReason", reason);
        entry.put("taxExemptionAmount", 0);
        entry.put("canceledAt", TossPayment.time(now));
        entry.put("cardDiscountAmount", 0);
        entry.put("transferDiscountAmount", 0);
        entry.put("easyPayDiscountAmount", 0);
        entry.put("receiptKey", null);
        entry.put("cancelStatus", "DONE");
        entry.put("cancelRequestId", null);
        entry.put("cancelAmount", cancelAmount);
        entry.put("taxFreeAmount", 0);
        entry.put("refundableAmount", payment.balanceAmount);
        payment.cancels.add(entry);
        if (virtualAccount) {
            afterUnlock.add(new Webhook(DEPOSIT_CALLBACK, depositCallbackBody(payment, now)));
        }
        return TossJson.ok(payment.toJson(now, baseUrl));
    }

    private Answer refusedCancel(String paymentKey, TossRequest request) {
        TossPayment payment = byKey.get(paymentKey);
        if (payment != null) {
            counters.cancelCall(payment.orderId);
        }
        return request.refuse(TossError.NOT_CANCELABLE_PAYMENT);
    }

    /** The order's approved payment if any, else its latest session (under lock). */
    private TossPayment currentPayment(String orderId) {
        List<TossPayment> payments = byOrder.get(orderId);
        if (payments == null || payments.isEmpty()) {
            return null;
        }
        TossPayment approved = approvedPayment(orderId, null);
        return approved != null ? approved : payments.getLast();
    }

    private TossPayment approvedPayment(String orderId, TossPayment except) {
        for (TossPayment p : byOrder.getOrDefault(orderId, List.of())) {
            if (p != except && APPROVED.contains(p.status)) {
                return p;
            }
        }
        return null;
    }

    /** DEPOSIT_CALLBACK's body: flat, no eventType (docs.tosspayments.com/reference/using-api/webhook-events). */
    private static String depositCallbackBody(TossPayment payment, Instant now) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("createdAt", WEBHOOK_CREATED_AT.format(now.atOffset(TossPayment.KST)));
        event.put("secret", payment.secret);
        event.put("status", payment.status);
        event.put("transactionKey", payment.lastTransactionKey);
        event.put("orderId", payment.orderId);
        return TossJson.write(event);
    }

    private static Map<String, Object> failure(TossError error) {
        Map<String, Object> failure = new LinkedHashMap<>();
        failure.put("code", error.code());
        failure.put("message", error.messageKo());
        return failure;
    }

    private Map<String, Object> card(long amount) {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("issuerCode", "61");
        card.put("acquirerCode", "31");
        card.put("number", "48902300****406*");
        card.put("installmentPlanMonths", 0);
        card.put("isInterestFree", false);
        card.put("interestPayer", null);
        card.put("approveNo", ids.digits(8));
        card.put("useCardPoint", false);
        card.put("cardType", "신용");
        card.put("ownerType", "개인");
        card.put("acquireStatus", "READY");
        card.put("amount", amount);
        return card;
    }
}
