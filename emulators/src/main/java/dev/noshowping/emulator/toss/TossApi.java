package dev.noshowping.emulator.toss;

import dev.noshowping.emulator.EmulatorServer;
import dev.noshowping.emulator.toss.TossEmulator.Fault;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The core API's routes under {@code /v1}: Basic authentication with the secret key, the
 * Idempotency-Key's limit, the faults injected into confirms, the added latency, and the routing of
 * confirm, cancel and the two look-ups to the {@link TossLedger}.
 */
final class TossApi {

    static final int MAX_IDEMPOTENCY_KEY = 300;

    private final TossLedger ledger;
    private final ConcurrentLinkedDeque<Fault> faults = new ConcurrentLinkedDeque<>();
    private volatile Duration latency = Duration.ZERO;

    TossApi(TossLedger ledger) {
        this.ledger = ledger;
    }

    void inject(Fault fault, int times) {
        for (int i = 0; i < times; i++) {
            faults.addLast(fault);
        }
    }

    int queuedFaults() {
        return faults.size();
    }

    void latency(Duration d) {
        this.latency = d == null || d.isNegative() ? Duration.ZERO : d;
    }

    Duration latency() {
        return latency;
    }

    void reset() {
        faults.clear();
        latency = Duration.ZERO;
    }

    /** The answer to a /v1 request; null means: close the connection without answering. */
    Answer handle(TossRequest request, String authorization) {
        boolean confirm = "/v1/payments/confirm".equals(request.path());
        Fault fault = null;
        if (confirm && "POST".equals(request.method())) {
            String orderId = TossJson.text(TossJson.parse(request.body()), "orderId");
            if (orderId != null) {
                ledger.counters().confirmCall(orderId);
            }
        }
        EmulatorServer.pause(latency);
        if (!authorized(authorization)) {
            return request.refuse(TossError.UNAUTHORIZED_KEY);
        }
        if (request.idempotencyKey() != null && request.idempotencyKey().length() > MAX_IDEMPOTENCY_KEY) {
            return request.refuse(TossError.INVALID_IDEMPOTENCY_KEY);
        }
        if (confirm && "POST".equals(request.method())) {
            fault = faults.pollFirst();
        }
        String[] segments = request.path().substring("/v1/".length()).split("/");
        if (segments.length < 2 || !"payments".equals(segments[0])) {
            return request.refuse(TossError.NOT_FOUND);
        }
        if (confirm) {
            return "POST".equals(request.method()) ? confirm(request, fault)
                    : request.refuse(TossError.NOT_FOUND_HTTP_METHOD);
        }
        if (segments.length == 3 && "orders".equals(segments[1])) {
            return "GET".equals(request.method()) ? ledger.lookupByOrder(segments[2], request)
                    : request.refuse(TossError.NOT_FOUND_HTTP_METHOD);
        }
        if (segments.length == 3 && "cancel".equals(segments[2])) {
            return "POST".equals(request.method()) ? ledger.cancel(segments[1], request)
                    : request.refuse(TossError.NOT_FOUND_HTTP_METHOD);
        }
        if (segments.length == 2) {
            return "GET".equals(request.method()) ? ledger.lookupByKey(segments[1], request)
                    : request.refuse(TossError.NOT_FOUND_HTTP_METHOD);
        }
        return request.refuse(TossError.NOT_FOUND);
    }

    private Answer confirm(TossRequest request, Fault fault) {
        if (fault == null) {
            return ledger.confirm(request, false);
        }
        return switch (fault) {
            case SERVER_ERROR -> request.refuse(TossError.FAILED_INTERNAL_SYSTEM_PROCESSING);
            case PROVIDER_ERROR -> request.refuse(TossError.PROVIDER_ERROR);
            case TIMEOUT -> ledger.hold(request);
            case ANSWER_LOST -> {
                ledger.confirm(request, false);
                yield null;
            }
            case REJECT_CARD -> ledger.confirm(request, true);
        };
    }

    /** {@code Basic base64(secretKey + ":")}, as Toss's core and payout APIs both take it. */
    static boolean authorized(String authorization) {
        if (authorization == null || authorization.length() < 6
                || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            return decoded.equals(TossEmulator.SECRET_KEY + ":");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
