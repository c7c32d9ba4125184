package dev.noshowping.emulator.toss;

import com.sun.net.httpserver.HttpExchange;
import dev.noshowping.emulator.EmulatorServer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The TossPayments core API (v1, Payment object version 2022-11-16) and payout API (v2) on a real
 * socket, for tests and the local stack. See {@code docs/toss.md} for the facts it follows, their
 * sources, and what it chose where Toss's documents are silent.
 *
 * <p>{@link #checkout} stands for the payment widget: it yields the {@code paymentKey} of an authenticated
 * session ({@code IN_PROGRESS}) that {@code POST /v1/payments/confirm} must approve within 10 minutes of
 * emulator time. Virtual accounts are paid with {@link #deposit}, which posts {@code DEPOSIT_CALLBACK} to
 * the {@link #webhookUrl}. Failed webhooks are retried on Toss's schedule (1, 4, 16, 64, 256, 1024, 4096
 * minutes) as {@link #advance} moves the emulator clock.
 *
 * <p>This class is the emulator's face and its routing; the parts each do one job: {@link TossLedger}
 * (the payments and their state), {@link TossApi} ({@code /v1}), {@link PayoutApi} over
 * {@link PayoutLedger} ({@code /v2}), {@link TossWebhooks} (sending and retrying webhooks),
 * {@link TossLocalRoutes} ({@code /_local/toss/} helpers). Thread-safe.
 */
public final class TossEmulator extends EmulatorServer {

    public static final String SECRET_KEY = "test_sk_noshowping_local";

    /** The payout API's security key (64 hex characters): requests and answers under /v2 are JWE under it. */
    public static final String PAYOUT_SECURITY_KEY = "6e6f73686f7770696e672d6c6f63616c2d7061796f75742d746573742d6b6579";

    /** What a checkout without them names the order and the buyer. */
    static final String ORDER_NAME = "노쇼핑 예약 양도";
    static final String CUSTOMER_NAME = "구매자";

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

    private final TossClock clock = new TossClock();
    private final TossWebhooks webhooks;
    private final TossLedger ledger;
    private final TossApi api;
    private final PayoutLedger payouts;
    private final PayoutApi payoutApi;
    private final TossLocalRoutes localRoutes;

    private TossEmulator(int port) {
        super(port, "the Toss emulator");
        this.webhooks = new TossWebhooks(clock::now, executor());
        this.ledger = new TossLedger(baseUrl(), clock, webhooks);
        this.api = new TossApi(ledger);
        this.payouts = new PayoutLedger(clock::now, webhooks::send, new SecurityKey(PAYOUT_SECURITY_KEY));
        this.payoutApi = new PayoutApi(payouts);
        this.localRoutes = new TossLocalRoutes(this, payoutApi);
    }

    /**
     * Starts on {@code port} (0 = any free port), bound to the loopback interface; the API is under
     * {@code /v1} and {@code /v2}, the helpers under {@code /_local/toss}.
     */
    public static TossEmulator start(int port) {
        TossEmulator toss = new TossEmulator(port);
        toss.serve();
        return toss;
    }

    /** The payout API's state (/v2, 지급대행): balance, sellers, payouts, and what tests arrange there. */
    public PayoutLedger payouts() {
        return payouts;
    }

    // ------------------------------------------------------------------ driving the emulator

    /** What the payment widget yields: a paymentKey for an authenticated session, valid 10 minutes. */
    public String checkout(String orderId, long amount, Method method) {
        return checkout(orderId, amount, method, ORDER_NAME, CUSTOMER_NAME);
    }

    public String checkout(String orderId, long amount, Method method, String orderName, String customerName) {
        return ledger.checkout(orderId, amount, method, orderName, customerName);
    }

    /**
     * The buyer also typed a refund account into the widget's virtual-account form: the payment's
     * {@code virtualAccount.refundReceiveAccount} shows it for 30 minutes from the checkout, as Toss does.
     */
    public void widgetRefundAccount(String paymentKey, String bankCode, String accountNumber, String holderName) {
        ledger.widgetRefundAccount(paymentKey, bankCode, accountNumber, holderName);
    }

    /**
     * A buyer pays the virtual account of {@code orderId} in full: the payment becomes DONE, then
     * DEPOSIT_CALLBACK (with the payment's secret) is posted to the webhook URL, if set, and this returns
     * once the receiver answered. False, and nothing happens, when there is no unpaid, unexpired account.
     */
    public boolean deposit(String orderId) {
        return depositAndNotify(orderId).deposited();
    }

    record DepositResult(boolean deposited, Integer webhookStatus) {
    }

    DepositResult depositAndNotify(String orderId) {
        TossLedger.Deposit deposit = ledger.deposit(orderId);
        if (!deposit.deposited() || webhooks.url() == null) {
            return new DepositResult(deposit.deposited(), null);
        }
        return new DepositResult(true, webhooks.send(TossLedger.DEPOSIT_CALLBACK, deposit.callbackBody()));
    }

    /** POSTs PAYMENT_STATUS_CHANGED with the current Payment object of {@code orderId}; returns once answered. */
    public void sendPaymentStatusChanged(String orderId) {
        paymentStatusChanged(orderId);
    }

    int paymentStatusChanged(String orderId) {
        if (webhooks.url() == null) {
            throw new IllegalStateException("no webhook URL set");
        }
        return webhooks.send(TossLedger.PAYMENT_STATUS_CHANGED, ledger.paymentStatusChangedBody(orderId));
    }

    public void webhookUrl(String url) {
        webhooks.url(url);
    }

    /** POST /v1/payments/confirm requests received for that orderId (including faulted and refused ones). */
    public int confirmCalls(String orderId) {
        return ledger.counters().confirmCalls(orderId);
    }

    /** How many times money was actually taken for that orderId (card approval or virtual-account deposit). */
    public int charges(String orderId) {
        return ledger.counters().charges(orderId);
    }

    /** Per order confirmed, charged or canceled: {@code {confirmCalls, charges, cancelCalls, refunded}}. */
    Map<String, Object> calls() {
        return ledger.counters().calls();
    }

    /**
     * The next {@code times} cancels are refused with 400 NOT_CANCELABLE_PAYMENT, a definite answer
     * kept under the request's Idempotency-Key like any other (so only a new key gets past it).
     */
    public void refuseCancels(int times) {
        ledger.refuseCancels(times);
    }

    /** Cancel requests Toss processed for that orderId's payment, refused ones included (a key's replayed answer is not). */
    public int cancelCalls(String orderId) {
        return ledger.counters().cancelCalls(orderId);
    }

    /** Money given back for that orderId by cancels of a payment that had taken it (not an unpaid account's cancel). */
    public long refundedAmount(String orderId) {
        return ledger.counters().refunded(orderId);
    }

    /** Every webhook attempt so far, retries included, in the order they were answered. */
    public List<WebhookDelivery> webhookDeliveries() {
        return webhooks.deliveries();
    }

    /**
     * Waits until the webhooks sent in the background (virtual-account issue and cancel callbacks) were
     * answered; true if none is left in flight.
     */
    public boolean awaitWebhooks(Duration timeout) {
        return webhooks.await(timeout);
    }

    /** Moves the emulator clock (session expiry, due dates, idempotency TTL) and sends the webhook retries due. */
    public void advance(Duration d) {
        clock.advance(d);
        webhooks.sendDueRetries();
    }

    /** The emulator's current time (the real clock plus every {@link #advance}). */
    public Instant now() {
        return clock.now();
    }

    /** Added before every /v1 and /v2 answer (benchmarks). */
    public void latency(Duration d) {
        api.latency(d);
    }

    Duration latency() {
        return api.latency();
    }

    /** Validity of the virtual accounts issued from now on (the merchant's widget setting; default 3 days). */
    public void virtualAccountValidity(Duration d) {
        ledger.virtualAccountValidity(d);
    }

    /** The next {@code times} confirm calls suffer {@code fault} (queued after faults already injected). */
    public void inject(Fault fault, int times) {
        api.inject(fault, times);
    }

    int queuedFaults() {
        return api.queuedFaults();
    }

    /** Forgets everything: payments, keys, counters, faults, latency, webhook URL and log, clock offset. */
    public void reset() {
        webhooks.reset();
        ledger.reset();
        api.reset();
        clock.reset();
        payouts.reset();
    }

    @Override
    public void close() {
        ledger.releaseHeld();
        super.close();
        webhooks.close();
    }

    // ------------------------------------------------------------------ HTTP

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            Answer answer;
            if (path.startsWith("/v1/")) {
                String acceptLanguage = exchange.getRequestHeaders().getFirst("Accept-Language");
                String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                TossRequest request = new TossRequest(method, path, body, key == null || key.isEmpty() ? null : key,
                        acceptLanguage != null && acceptLanguage.toLowerCase(Locale.ROOT).startsWith("en"));
                try {
                    answer = api.handle(request, authorization);
                } catch (RuntimeException e) {
                    answer = request.refuse(TossError.FAILED_INTERNAL_SYSTEM_PROCESSING);
                }
            } else if (path.startsWith("/v2/")) {
                pause(api.latency());
                answer = payoutApi.handle(method, path, exchange.getRequestURI().getRawQuery(), body,
                        exchange.getRequestHeaders(), TossApi.authorized(authorization));
            } else if (path.startsWith("/_local/toss/")) {
                answer = localRoutes.handle(method, path.substring("/_local/toss/".length()), body);
            } else {
                answer = TossJson.error(404, "NOT_FOUND", "no such route");
            }
            if (answer == null) {
                return; // a lost answer: closing before any header closes the connection
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                exchange.getResponseBody().write(answer.body());
            }
        }
    }
}
