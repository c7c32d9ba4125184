package dev.noshowping.testkit.toss;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.sun.net.httpserver.HttpExchange;
import dev.noshowping.testkit.LoopbackServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * The TossPayments core API (v1, Payment object version 2022-11-16) on a real socket, for tests and the
 * local stack. See {@code docs/toss.md} for the facts it follows, their sources, and what it chose where
 * Toss's documents are silent.
 *
 * <p>{@link #checkout} stands for the payment widget: it yields the {@code paymentKey} of an authenticated
 * session ({@code IN_PROGRESS}) that {@code POST /v1/payments/confirm} must approve within 10 minutes of
 * emulator time. Virtual accounts are paid with {@link #deposit}, which posts {@code DEPOSIT_CALLBACK} to
 * the {@link #webhookUrl}. Failed webhooks are retried on Toss's schedule (1, 4, 16, 64, 256, 1024, 4096
 * minutes) as {@link #advance} moves the emulator clock.
 *
 * <p>Thread-safe: payments, sessions and idempotency records are read and changed under one lock, which is
 * never held while sleeping or calling out; counters and logs are concurrent.
 */
public final class TossEmulator implements AutoCloseable {

    public static final String SECRET_KEY = "test_sk_noshowping_local";

    /** The payout API's security key (64 hex characters): requests and answers under /v2 are JWE under it. */
    public static final String PAYOUT_SECURITY_KEY = "6e6f73686f7770696e672d6c6f63616c2d7061796f75742d746573742d6b6579";

    public enum Method { CARD, VIRTUAL_ACCOUNT }

    public enum Fault {
        /** 500 FAILED_INTERNAL_SYSTEM_PROCESSING; nothing processed, nothing kept under the Idempotency-Key. */
        SERVER_ERROR,
        /** 400 PROVIDER_ERROR (Toss's status for it); nothing processed, nothing kept under the key. */
        PROVIDER_ERROR,
        /** The answer is held 30 s (the key, if any, is "processing" meanwhile), then 500; nothing processed. */
        TIMEOUT,
        /** The confirm is processed (and kept under its key), then the connection is closed unanswered. */
        ANSWER_LOST,
        /** The card company declines: 403 REJECT_CARD_PAYMENT, the payment becomes ABORTED. */
        REJECT_CARD
    }

    static final Duration SESSION_TTL = Duration.ofMinutes(10);
    static final Duration IDEMPOTENCY_TTL = Duration.ofDays(15);
    static final Duration TIMEOUT_HOLD = Duration.ofSeconds(30);
    static final Duration DEFAULT_VIRTUAL_ACCOUNT_VALIDITY = Duration.ofDays(3);
    static final long[] RETRY_MINUTES = {1, 4, 16, 64, 256, 1024, 4096};
    static final Pattern ORDER_ID = Pattern.compile("^[A-Za-z0-9_-]{6,64}$");
    static final int MAX_IDEMPOTENCY_KEY = 300;
    static final String DEPOSIT_CALLBACK = "DEPOSIT_CALLBACK";
    static final String PAYMENT_STATUS_CHANGED = "PAYMENT_STATUS_CHANGED";
    private static final DateTimeFormatter WEBHOOK_CREATED_AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter KEY_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final Set<String> APPROVED = Set.of("DONE", "WAITING_FOR_DEPOSIT", "CANCELED", "PARTIAL_CANCELED");

    private final LoopbackServer server;
    private final HttpClient webhookClient;
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private final String baseUrl;

    private final ReentrantLock lock = new ReentrantLock();
    // guarded by lock
    private final Map<String, TossPayment> byKey = new HashMap<>();
    private final Map<String, List<TossPayment>> byOrder = new HashMap<>();
    private final Map<String, Idempotent> idempotency = new HashMap<>();

    private final Map<String, AtomicInteger> confirmCalls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> charges = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> cancelCalls = new ConcurrentHashMap<>();
    private final AtomicInteger cancelRefusals = new AtomicInteger();
    private final Map<String, AtomicLong> refunded = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<Fault> faults = new ConcurrentLinkedDeque<>();
    private final List<WebhookDelivery> deliveries = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<PendingWebhook> retries = new ConcurrentLinkedDeque<>();
    private final Set<CompletableFuture<?>> inflight = ConcurrentHashMap.newKeySet();
    private final AtomicLong clockOffsetNanos = new AtomicLong();
    private final AtomicInteger epoch = new AtomicInteger();
    private volatile Duration latency = Duration.ZERO;
    private volatile Duration virtualAccountValidity = DEFAULT_VIRTUAL_ACCOUNT_VALIDITY;
    private volatile String webhookUrl;
    private volatile CountDownLatch holdRelease = new CountDownLatch(1);
    private final PayoutLedger payouts;
    private final PayoutApi payoutApi;

    private TossEmulator(LoopbackServer server) {
        this.server = server;
        this.baseUrl = server.baseUrl();
        this.webhookClient = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .executor(server.executor())
                .build();
        this.payouts = new PayoutLedger(this::now, this::sendSigned,
                new dev.noshowping.payment.payout.PayoutCipher(PAYOUT_SECURITY_KEY));
        this.payoutApi = new PayoutApi(payouts);
    }

    /** The payout API's state (/v2, 지급대행): balance, sellers, payouts, and what tests arrange there. */
    public PayoutLedger payouts() {
        return payouts;
    }

    /** Starts on {@code port} (0 = any free port), bound to the loopback interface. */
    public static TossEmulator start(int port) {
        LoopbackServer server = LoopbackServer.bind(port, "the Toss emulator");
        TossEmulator toss = new TossEmulator(server);
        server.serve(toss::handle);
        return toss;
    }

    /** {@code http://localhost:<port>}; the API is under {@code /v1}, the helpers under {@code /_local/toss}. */
    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.port();
    }

    // ------------------------------------------------------------------ driving the emulator

    /** What the payment widget yields: a paymentKey for an authenticated session, valid 10 minutes. */
    public String checkout(String orderId, long amount, Method method) {
        return checkout(orderId, amount, method, "노쇼핑 예약 양도", "구매자");
    }

    public String checkout(String orderId, long amount, Method method, String orderName, String customerName) {
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
                paymentKey = "tnosh" + KEY_TIME.format(now.atOffset(TossPayment.KST)) + randomAlnum(5);
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

    /**
     * The buyer also typed a refund account into the widget's virtual-account form: the payment's
     * {@code virtualAccount.refundReceiveAccount} shows it for 30 minutes from the checkout, as Toss does.
     */
    public void widgetRefundAccount(String paymentKey, String bankCode, String accountNumber, String holderName) {
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

    /**
     * A buyer pays the virtual account of {@code orderId} in full: the payment becomes DONE, then
     * DEPOSIT_CALLBACK (with the payment's secret) is posted to the webhook URL, if set, and this returns
     * once the receiver answered. False, and nothing happens, when there is no unpaid, unexpired account.
     */
    public boolean deposit(String orderId) {
        return depositAndNotify(orderId).deposited();
    }

    /** POSTs PAYMENT_STATUS_CHANGED with the current Payment object of {@code orderId}; returns once answered. */
    public void sendPaymentStatusChanged(String orderId) {
        paymentStatusChanged(orderId);
    }

    private int paymentStatusChanged(String orderId) {
        String url = webhookUrl;
        if (url == null) {
            throw new IllegalStateException("no webhook URL set");
        }
        String body;
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
            body = write(event);
        } finally {
            lock.unlock();
        }
        return deliver(new PendingWebhook(PAYMENT_STATUS_CHANGED, body, url, transmissionId(), 0, now(), epoch.get()));
    }

    public void webhookUrl(String url) {
        this.webhookUrl = url;
    }

    /** POST /v1/payments/confirm requests received for that orderId (including faulted and refused ones). */
    public int confirmCalls(String orderId) {
        AtomicInteger n = confirmCalls.get(orderId);
        return n == null ? 0 : n.get();
    }

    /** How many times money was actually taken for that orderId (card approval or virtual-account deposit). */
    public int charges(String orderId) {
        AtomicInteger n = charges.get(orderId);
        return n == null ? 0 : n.get();
    }

    /**
     * The next {@code times} cancels are refused with 400 NOT_CANCELABLE_PAYMENT, a definite answer
     * kept under the request's Idempotency-Key like any other (so only a new key gets past it).
     */
    public void refuseCancels(int times) {
        cancelRefusals.set(times);
    }

    /** Cancel requests Toss processed for that orderId's payment, refused ones included (a key's replayed answer is not). */
    public int cancelCalls(String orderId) {
        AtomicInteger n = cancelCalls.get(orderId);
        return n == null ? 0 : n.get();
    }

    /** Money given back for that orderId by cancels of a payment that had taken it (not an unpaid account's cancel). */
    public long refundedAmount(String orderId) {
        AtomicLong n = refunded.get(orderId);
        return n == null ? 0 : n.get();
    }

    /** Every webhook attempt so far, retries included, in the order they were answered. */
    public List<WebhookDelivery> webhookDeliveries() {
        return List.copyOf(deliveries);
    }

    /**
     * Waits until the webhooks sent in the background (virtual-account issue and cancel callbacks) were
     * answered; true if none is left in flight.
     */
    public boolean awaitWebhooks(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!inflight.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                CompletableFuture.allOf(inflight.toArray(CompletableFuture[]::new)).get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) {
                // a failed delivery is recorded by itself; keep waiting for the rest
            }
        }
        return true;
    }

    /** Moves the emulator clock (session expiry, due dates, idempotency TTL) and sends the webhook retries due. */
    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward");
        }
        clockOffsetNanos.addAndGet(d.toNanos());
        sendDueRetries();
    }

    /** The emulator's current time (the real clock plus every {@link #advance}). */
    public Instant now() {
        return Instant.now().plusNanos(clockOffsetNanos.get());
    }

    /** Added before every /v1 answer (benchmarks). */
    public void latency(Duration d) {
        this.latency = d == null || d.isNegative() ? Duration.ZERO : d;
    }

    /** Validity of the virtual accounts issued from now on (the merchant's widget setting; default 3 days). */
    public void virtualAccountValidity(Duration d) {
        this.virtualAccountValidity = d;
    }

    /** The next {@code times} confirm calls suffer {@code fault} (queued after faults already injected). */
    public void inject(Fault fault, int times) {
        for (int i = 0; i < times; i++) {
            faults.addLast(fault);
        }
    }

    /** Forgets everything: payments, keys, counters, faults, latency, webhook URL and log, clock offset. */
    public void reset() {
        lock.lock();
        try {
            epoch.incrementAndGet();
            byKey.clear();
            byOrder.clear();
            idempotency.clear();
            confirmCalls.clear();
            charges.clear();
            cancelCalls.clear();
            cancelRefusals.set(0);
            refunded.clear();
            faults.clear();
            deliveries.clear();
            retries.clear();
            clockOffsetNanos.set(0);
            latency = Duration.ZERO;
            virtualAccountValidity = DEFAULT_VIRTUAL_ACCOUNT_VALIDITY;
            webhookUrl = null;
            payouts.reset();
            CountDownLatch held = holdRelease;
            holdRelease = new CountDownLatch(1);
            held.countDown();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        holdRelease.countDown();
        server.close();
        webhookClient.shutdownNow();
    }

    // ------------------------------------------------------------------ HTTP

    record Answer(int status, byte[] body) {
    }

    /** An Idempotency-Key's record: processing (answer null) or its first answer. */
    private record Idempotent(Instant createdAt, Answer answer) {
    }

    private record Request(String method, String path, byte[] body, String idempotencyKey, boolean english) {
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            if (path.startsWith("/v1/")) {
                String acceptLanguage = exchange.getRequestHeaders().getFirst("Accept-Language");
                String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                Request request = new Request(method, path, body, key == null || key.isEmpty() ? null : key,
                        acceptLanguage != null && acceptLanguage.toLowerCase(Locale.ROOT).startsWith("en"));
                Answer answer;
                try {
                    answer = api(request, exchange.getRequestHeaders().getFirst("Authorization"));
                } catch (RuntimeException e) {
                    answer = error(TossError.FAILED_INTERNAL_SYSTEM_PROCESSING, request);
                }
                if (answer == null) {
                    return; // ANSWER_LOST: closing before any header closes the connection
                }
                send(exchange, answer);
            } else if (path.startsWith("/v2/")) {
                pause(latency);
                Answer answer = payoutApi.handle(method, path, exchange.getRequestURI().getRawQuery(), body,
                        exchange.getRequestHeaders(), authorized(exchange.getRequestHeaders().getFirst("Authorization")));
                if (answer == null) {
                    return; // a lost answer: closing before any header closes the connection
                }
                send(exchange, answer);
            } else if (path.startsWith("/_local/toss/")) {
                send(exchange, local(method, path.substring("/_local/toss/".length()), body));
            } else {
                send(exchange, new Answer(404, bytes(Map.of("code", "NOT_FOUND", "message", "no such route"))));
            }
        }
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        if (answer.body().length > 0) {
            exchange.getResponseBody().write(answer.body());
        }
    }

    /** The /v1 API; null means: close the connection without answering. */
    private Answer api(Request request, String authorization) {
        boolean confirm = "/v1/payments/confirm".equals(request.path());
        Fault fault = null;
        if (confirm && "POST".equals(request.method())) {
            String orderId = text(parse(request.body()), "orderId");
            if (orderId != null) {
                confirmCalls.computeIfAbsent(orderId, k -> new AtomicInteger()).incrementAndGet();
            }
        }
        pause(latency);
        if (!authorized(authorization)) {
            return error(TossError.UNAUTHORIZED_KEY, request);
        }
        if (request.idempotencyKey() != null && request.idempotencyKey().length() > MAX_IDEMPOTENCY_KEY) {
            return error(TossError.INVALID_IDEMPOTENCY_KEY, request);
        }
        if (confirm && "POST".equals(request.method())) {
            fault = faults.pollFirst();
        }
        String[] segments = request.path().substring("/v1/".length()).split("/");
        if (segments.length < 2 || !"payments".equals(segments[0])) {
            return error(TossError.NOT_FOUND, request);
        }
        if (confirm) {
            if (!"POST".equals(request.method())) {
                return error(TossError.NOT_FOUND_HTTP_METHOD, request);
            }
            return confirm(request, fault);
        }
        if (segments.length == 3 && "orders".equals(segments[1])) {
            return "GET".equals(request.method()) ? lookupByOrder(segments[2], request)
                    : error(TossError.NOT_FOUND_HTTP_METHOD, request);
        }
        if (segments.length == 3 && "cancel".equals(segments[2])) {
            return "POST".equals(request.method())
                    ? idempotent(request, () -> cancelRefusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                            ? refusedCancel(segments[1], request) : cancel(segments[1], parse(request.body()), request))
                    : error(TossError.NOT_FOUND_HTTP_METHOD, request);
        }
        if (segments.length == 2) {
            return "GET".equals(request.method()) ? lookupByKey(segments[1], request)
                    : error(TossError.NOT_FOUND_HTTP_METHOD, request);
        }
        return error(TossError.NOT_FOUND, request);
    }

    private Answer confirm(Request request, Fault fault) {
        if (fault == null) {
            return idempotent(request, () -> approve(parse(request.body()), request, false));
        }
        return switch (fault) {
            case SERVER_ERROR -> error(TossError.FAILED_INTERNAL_SYSTEM_PROCESSING, request);
            case PROVIDER_ERROR -> error(TossError.PROVIDER_ERROR, request);
            case TIMEOUT -> hold(request);
            case ANSWER_LOST -> {
                idempotent(request, () -> approve(parse(request.body()), request, false));
                yield null;
            }
            case REJECT_CARD -> idempotent(request, () -> approve(parse(request.body()), request, true));
        };
    }

    /** TIMEOUT: the request sits for 30 s (its key, if new, is "processing"), then fails; nothing processed. */
    private Answer hold(Request request) {
        String slot = slot(request);
        Idempotent marker = null;
        if (slot != null) {
            lock.lock();
            try {
                if (live(slot) == null) {
                    marker = new Idempotent(now(), null);
                    idempotency.put(slot, marker);
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
                    idempotency.remove(slot, marker);
                } finally {
                    lock.unlock();
                }
            }
        }
        return error(TossError.FAILED_INTERNAL_SYSTEM_PROCESSING, request);
    }

    private interface Work {
        Answer run();
    }

    /**
     * Toss's Idempotency-Key: scoped by key, API key, URL and method (not the body); the first answer is
     * replayed for 15 days; while the first is processing, 409. The work runs under the lock.
     */
    private Answer idempotent(Request request, Work work) {
        String slot = slot(request);
        List<Runnable> after;
        Answer answer;
        lock.lock();
        try {
            if (slot != null) {
                Idempotent existing = live(slot);
                if (existing != null) {
                    return existing.answer() != null ? existing.answer()
                            : error(TossError.IDEMPOTENT_REQUEST_PROCESSING, request);
                }
            }
            answer = work.run();
            if (slot != null) {
                idempotency.put(slot, new Idempotent(now(), answer));
            }
            after = drainAfterUnlock();
        } finally {
            lock.unlock();
        }
        after.forEach(Runnable::run);
        return answer;
    }

    private String slot(Request request) {
        return request.idempotencyKey() == null ? null
                : request.method() + " " + request.path() + "\n" + request.idempotencyKey();
    }

    /** The key's record if younger than 15 days (under lock). */
    private Idempotent live(String slot) {
        Idempotent existing = idempotency.get(slot);
        if (existing != null && now().isAfter(existing.createdAt().plus(IDEMPOTENCY_TTL))) {
            idempotency.remove(slot);
            return null;
        }
        return existing;
    }

    // actions to run once the lock is released (background webhooks); guarded by lock
    private final List<Runnable> afterUnlock = new ArrayList<>();

    private List<Runnable> drainAfterUnlock() {
        List<Runnable> copy = List.copyOf(afterUnlock);
        afterUnlock.clear();
        return copy;
    }

    /** The approval itself (under lock). */
    private Answer approve(JsonNode body, Request request, boolean rejectCard) {
        String paymentKey = text(body, "paymentKey");
        String orderId = text(body, "orderId");
        Long amount = amount(body, "amount");
        if (paymentKey == null || orderId == null || amount == null) {
            return error(TossError.INVALID_REQUEST, request);
        }
        if (!ORDER_ID.matcher(orderId).matches()) {
            return error(TossError.INVALID_ORDER_ID, request);
        }
        Instant now = now();
        TossPayment payment = byKey.get(paymentKey);
        if (payment == null) {
            return error(TossError.NOT_FOUND_PAYMENT_SESSION, request);
        }
        payment.refresh(now);
        if (APPROVED.contains(payment.status)) {
            return error(TossError.ALREADY_PROCESSED_PAYMENT, request);
        }
        if (!"IN_PROGRESS".equals(payment.status) || !payment.orderId.equals(orderId)) {
            return error(TossError.NOT_FOUND_PAYMENT_SESSION, request);
        }
        if (amount != payment.totalAmount) {
            return error(TossError.INVALID_REQUEST, request);
        }
        if (approvedPayment(orderId, payment) != null) {
            return error(TossError.DUPLICATED_ORDER_ID, request);
        }
        payment.lastTransactionKey = transactionKey();
        if (rejectCard) {
            payment.status = "ABORTED";
            payment.failure = failure(TossError.REJECT_CARD_PAYMENT);
            return error(TossError.REJECT_CARD_PAYMENT, request);
        }
        payment.secret = "ps_" + randomAlnum(27);
        if (payment.method == Method.CARD) {
            payment.status = "DONE";
            payment.approvedAt = now;
            payment.card = card(payment.totalAmount);
            charges.computeIfAbsent(orderId, k -> new AtomicInteger()).incrementAndGet();
        } else {
            payment.status = "WAITING_FOR_DEPOSIT";
            payment.accountNumber = "X" + randomDigits(13);
            payment.bankCode = "20";
            payment.dueDate = now.plus(payment.virtualAccountValidity);
            afterUnlock.add(backgroundWebhook(DEPOSIT_CALLBACK, depositCallbackBody(payment, now)));
        }
        return ok(payment.toJson(now, baseUrl));
    }

    private Answer cancel(String paymentKey, JsonNode body, Request request) {
        Instant now = now();
        TossPayment payment = byKey.get(paymentKey);
        if (payment == null) {
            return error(TossError.NOT_FOUND_PAYMENT, request);
        }
        payment.refresh(now);
        cancelCalls.computeIfAbsent(payment.orderId, k -> new AtomicInteger()).incrementAndGet();
        String reason = text(body, "cancelReason");
        if (reason == null || reason.isBlank() || reason.length() > 200) {
            return error(TossError.INVALID_REQUEST, request);
        }
        Long requested = body.hasNonNull("cancelAmount") ? amount(body, "cancelAmount") : null;
        if (body.hasNonNull("cancelAmount") && (requested == null || requested <= 0)) {
            return error(TossError.INVALID_REFUND_AMOUNT, request);
        }
        switch (payment.status) {
            case "CANCELED" -> {
                return error(TossError.ALREADY_CANCELED_PAYMENT, request);
            }
            case "DONE", "PARTIAL_CANCELED", "WAITING_FOR_DEPOSIT" -> {
                // cancelable
            }
            default -> {
                return error(TossError.NOT_CANCELABLE_PAYMENT, request);
            }
        }
        long cancelAmount = requested == null ? payment.balanceAmount : requested;
        if (cancelAmount > payment.balanceAmount) {
            return error(TossError.NOT_CANCELABLE_AMOUNT, request);
        }
        boolean virtualAccount = payment.method == Method.VIRTUAL_ACCOUNT;
        if (virtualAccount && "WAITING_FOR_DEPOSIT".equals(payment.status) && cancelAmount != payment.balanceAmount) {
            return error(TossError.NOT_ALLOWED_PARTIAL_REFUND_WAITING_DEPOSIT, request);
        }
        boolean refund = virtualAccount && !"WAITING_FOR_DEPOSIT".equals(payment.status);
        if (refund) {
            JsonNode account = body.get("refundReceiveAccount");
            if (account == null || !account.isObject()) {
                return error(TossError.INVALID_REQUIRED_PARAM, request);
            }
            String bank = text(account, "bank");
            String number = text(account, "accountNumber");
            String holder = text(account, "holderName");
            if (bank == null || bank.isBlank() || number == null || holder == null || holder.isBlank()
                    || holder.length() > 60) {
                return error(TossError.INVALID_REQUIRED_PARAM, request);
            }
            if (!number.matches("\\d{1,20}")) {
                return error(TossError.INVALID_REFUND_ACCOUNT_NUMBER, request);
            }
            payment.refundStatus = "PENDING";
            payment.refundRequestedAt = now;
        }
        if (!"WAITING_FOR_DEPOSIT".equals(payment.status)) {
            refunded.computeIfAbsent(payment.orderId, k -> new AtomicLong()).addAndGet(cancelAmount);
        }
        payment.balanceAmount -= cancelAmount;
        payment.status = payment.balanceAmount == 0 ? "CANCELED" : "PARTIAL_CANCELED";
        String transactionKey = transactionKey();
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
            afterUnlock.add(backgroundWebhook(DEPOSIT_CALLBACK, depositCallbackBody(payment, now)));
        }
        return ok(payment.toJson(now, baseUrl));
    }

    private Answer refusedCancel(String paymentKey, Request request) {
        TossPayment payment = byKey.get(paymentKey);
        if (payment != null) {
            cancelCalls.computeIfAbsent(payment.orderId, k -> new AtomicInteger()).incrementAndGet();
        }
        return error(TossError.NOT_CANCELABLE_PAYMENT, request);
    }

    private Answer lookupByKey(String paymentKey, Request request) {
        lock.lock();
        try {
            TossPayment payment = byKey.get(paymentKey);
            if (payment == null) {
                return error(TossError.NOT_FOUND_PAYMENT, request);
            }
            Instant now = now();
            payment.refresh(now);
            return ok(payment.toJson(now, baseUrl));
        } finally {
            lock.unlock();
        }
    }

    private Answer lookupByOrder(String orderId, Request request) {
        lock.lock();
        try {
            TossPayment payment = currentPayment(orderId);
            if (payment == null) {
                return error(TossError.NOT_FOUND_PAYMENT, request);
            }
            Instant now = now();
            payment.refresh(now);
            return ok(payment.toJson(now, baseUrl));
        } finally {
            lock.unlock();
        }
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

    private boolean authorized(String authorization) {
        if (authorization == null || authorization.length() < 6
                || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            return decoded.equals(SECRET_KEY + ":");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ virtual accounts and webhooks

    record DepositResult(boolean deposited, Integer webhookStatus) {
    }

    private DepositResult depositAndNotify(String orderId) {
        String body;
        lock.lock();
        try {
            Instant now = now();
            TossPayment payment = currentPayment(orderId);
            if (payment == null) {
                return new DepositResult(false, null);
            }
            payment.refresh(now);
            if (payment.method != Method.VIRTUAL_ACCOUNT || !"WAITING_FOR_DEPOSIT".equals(payment.status)
                    || payment.virtualAccountExpired(now)) {
                return new DepositResult(false, null);
            }
            payment.status = "DONE";
            payment.approvedAt = now;
            payment.depositorName = payment.customerName;
            payment.lastTransactionKey = transactionKey();
            charges.computeIfAbsent(orderId, k -> new AtomicInteger()).incrementAndGet();
            body = depositCallbackBody(payment, now);
        } finally {
            lock.unlock();
        }
        String url = webhookUrl;
        if (url == null) {
            return new DepositResult(true, null);
        }
        int status = deliver(new PendingWebhook(DEPOSIT_CALLBACK, body, url, transmissionId(), 0, now(), epoch.get()));
        return new DepositResult(true, status);
    }

    /** DEPOSIT_CALLBACK's body: flat, no eventType (docs.tosspayments.com/reference/using-api/webhook-events). */
    private String depositCallbackBody(TossPayment payment, Instant now) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("createdAt", WEBHOOK_CREATED_AT.format(now.atOffset(TossPayment.KST)));
        event.put("secret", payment.secret);
        event.put("status", payment.status);
        event.put("transactionKey", payment.lastTransactionKey);
        event.put("orderId", payment.orderId);
        return write(event);
    }

    /** {@code signer}: the {@code tosspayments-webhook-signature} for a transmission time (payout webhooks only). */
    private record PendingWebhook(String eventType, String body, String url, String transmissionId,
            int retriedCount, Instant scheduledAt, int epoch, java.util.function.Function<String, String> signer) {
        PendingWebhook(String eventType, String body, String url, String transmissionId, int retriedCount,
                Instant scheduledAt, int epoch) {
            this(eventType, body, url, transmissionId, retriedCount, scheduledAt, epoch, null);
        }
    }

    /** A signed webhook (payout.changed) through the same delivery and retries; -1 when no webhook URL is set. */
    private int sendSigned(String eventType, String body, java.util.function.Function<String, String> signer) {
        String url = webhookUrl;
        return url == null ? -1
                : deliver(new PendingWebhook(eventType, body, url, transmissionId(), 0, now(), epoch.get(), signer));
    }

    private Runnable backgroundWebhook(String eventType, String body) {
        return () -> {
            String url = webhookUrl;
            if (url == null) {
                return;
            }
            PendingWebhook webhook = new PendingWebhook(eventType, body, url, transmissionId(), 0, now(), epoch.get());
            CompletableFuture<?> future = CompletableFuture.runAsync(() -> deliver(webhook), server.executor());
            inflight.add(future);
            future.whenComplete((r, e) -> inflight.remove(future));
        };
    }

    /** One attempt; a non-200 answer schedules the next retry on Toss's schedule. Returns the status (-1: none). */
    private int deliver(PendingWebhook webhook) {
        int status;
        try {
            String time = TossPayment.time(now());
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(webhook.url()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("tosspayments-webhook-transmission-id", webhook.transmissionId())
                    .header("tosspayments-webhook-transmission-time", time)
                    .header("tosspayments-webhook-transmission-retried-count", Integer.toString(webhook.retriedCount()));
            if (webhook.signer() != null) {
                builder.header("tosspayments-webhook-signature", webhook.signer().apply(time));
            }
            HttpRequest request = builder
                    .POST(HttpRequest.BodyPublishers.ofString(webhook.body(), StandardCharsets.UTF_8))
                    .build();
            status = webhookClient.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | RuntimeException e) {
            status = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = -1;
        }
        if (webhook.epoch() != epoch.get()) {
            return status; // reset since: forgotten
        }
        deliveries.add(new WebhookDelivery(webhook.eventType(), status, webhook.body()));
        if (status != 200 && webhook.retriedCount() < RETRY_MINUTES.length) {
            retries.add(new PendingWebhook(webhook.eventType(), webhook.body(), webhook.url(), webhook.transmissionId(),
                    webhook.retriedCount() + 1,
                    webhook.scheduledAt().plus(Duration.ofMinutes(RETRY_MINUTES[webhook.retriedCount()])),
                    webhook.epoch(), webhook.signer()));
        }
        return status;
    }

    private void sendDueRetries() {
        while (true) {
            Instant now = now();
            PendingWebhook next = retries.stream()
                    .filter(w -> !w.scheduledAt().isAfter(now))
                    .min(Comparator.comparing(PendingWebhook::scheduledAt))
                    .orElse(null);
            if (next == null || !retries.remove(next)) {
                return;
            }
            deliver(next);
        }
    }

    // ------------------------------------------------------------------ /_local/toss helpers

    private Answer local(String method, String route, byte[] body) {
        try {
            JsonNode in = parse(body);
            return switch (method + " " + route) {
                case "POST checkout" -> {
                    String orderId = text(in, "orderId");
                    Long amount = amount(in, "amount");
                    String m = text(in, "method");
                    if (orderId == null || amount == null || m == null) {
                        yield localError(400, "INVALID_REQUEST", "orderId, amount and method are required");
                    }
                    Method parsed;
                    try {
                        parsed = Method.valueOf(m);
                    } catch (IllegalArgumentException e) {
                        yield localError(400, "INVALID_REQUEST", "method must be CARD or VIRTUAL_ACCOUNT");
                    }
                    String orderName = text(in, "orderName");
                    String customerName = text(in, "customerName");
                    String key = checkout(orderId, amount, parsed, orderName == null ? "노쇼핑 예약 양도" : orderName,
                            customerName == null ? "구매자" : customerName);
                    JsonNode refund = in.get("refundReceiveAccount");
                    if (parsed == Method.VIRTUAL_ACCOUNT && refund != null && refund.isObject()) {
                        widgetRefundAccount(key, text(refund, "bankCode"), text(refund, "accountNumber"),
                                text(refund, "holderName"));
                    }
                    yield localOk(Map.of("paymentKey", key));
                }
                case "POST deposit" -> {
                    DepositResult result = depositAndNotify(text(in, "orderId"));
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("deposited", result.deposited());
                    out.put("webhookStatus", result.webhookStatus());
                    yield localOk(out);
                }
                case "POST payment-status-changed" -> localOk(Map.of("webhookStatus",
                        paymentStatusChanged(text(in, "orderId"))));
                case "GET calls" -> {
                    Map<String, Object> out = new TreeMap<>();
                    Set<String> orders = new java.util.TreeSet<>(confirmCalls.keySet());
                    orders.addAll(charges.keySet());
                    for (String orderId : orders) {
                        out.put(orderId, Map.of("confirmCalls", confirmCalls(orderId), "charges", charges(orderId)));
                    }
                    yield localOk(out);
                }
                case "POST faults" -> {
                    Fault fault = Fault.valueOf(text(in, "fault"));
                    Long times = amount(in, "times");
                    inject(fault, times == null ? 1 : Math.toIntExact(times));
                    yield localOk(Map.of("queued", faults.size()));
                }
                case "POST latency" -> {
                    Long millis = amount(in, "millis");
                    latency(Duration.ofMillis(millis == null ? 0 : millis));
                    yield localOk(Map.of("millis", latency.toMillis()));
                }
                case "POST advance" -> {
                    Long millis = amount(in, "millis");
                    advance(Duration.ofMillis(millis == null ? 0 : millis));
                    yield localOk(Map.of("now", TossPayment.time(now())));
                }
                case "POST webhook-url" -> {
                    webhookUrl(text(in, "url"));
                    yield localOk(Map.of());
                }
                case "GET webhooks" -> localOk(webhookDeliveries());
                case "POST reset" -> {
                    reset();
                    yield localOk(Map.of());
                }
                default -> {
                    Answer payout = payoutApi.local(method, route, in);
                    yield payout != null ? payout
                            : localError(404, "NOT_FOUND", "no such helper: " + method + " /_local/toss/" + route);
                }
            };
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException | NullPointerException e) {
            String message = String.valueOf(e.getMessage());
            int colon = message.indexOf(':');
            String code = colon > 0 && message.substring(0, colon).matches("[A-Z_]+") ? message.substring(0, colon)
                    : "INVALID_REQUEST";
            return localError(400, code, message);
        }
    }

    private Answer localOk(Object out) {
        return new Answer(200, bytes(out));
    }

    private Answer localError(int status, String code, String message) {
        return new Answer(status, bytes(Map.of("code", code, "message", message)));
    }

    // ------------------------------------------------------------------ helpers

    private Answer ok(Map<String, Object> payment) {
        return new Answer(200, bytes(payment));
    }

    private Answer error(TossError error, Request request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", error.code());
        body.put("message", error.message(request.english()));
        return new Answer(error.status(), bytes(body));
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
        card.put("approveNo", randomDigits(8));
        card.put("useCardPoint", false);
        card.put("cardType", "신용");
        card.put("ownerType", "개인");
        card.put("acquireStatus", "READY");
        card.put("amount", amount);
        return card;
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return NullNode.getInstance();
        }
        try {
            JsonNode node = json.readTree(body);
            return node == null ? NullNode.getInstance() : node;
        } catch (IOException e) {
            return NullNode.getInstance();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    /** An integral amount, as a JSON number or a string of digits (Toss's own SDK examples send both). */
    private static Long amount(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.asLong();
        }
        if (value.isTextual() && value.asText().matches("-?\\d{1,18}")) {
            return Long.parseLong(value.asText());
        }
        return null;
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(Object value) {
        return new String(bytes(value), StandardCharsets.UTF_8);
    }

    private String transactionKey() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().withUpperCase().formatHex(b);
    }

    private String transmissionId() {
        return "whtrans_" + randomAlnum(26).toLowerCase(Locale.ROOT);
    }

    private String randomAlnum(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        }
        return sb.toString();
    }

    private String randomDigits(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    private static void pause(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
