package dev.noshowping.emulator.toss;

import static dev.noshowping.emulator.toss.TossJson.amount;
import static dev.noshowping.emulator.toss.TossJson.error;
import static dev.noshowping.emulator.toss.TossJson.ok;
import static dev.noshowping.emulator.toss.TossJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.emulator.toss.TossEmulator.Fault;
import dev.noshowping.emulator.toss.TossEmulator.Method;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The helper routes under {@code /_local/toss/}, for scripts and the local stack's demo: what the
 * payment widget and a paying buyer do ({@code checkout}, {@code deposit}), what the tests arrange
 * ({@code faults}, {@code latency}, {@code advance}, {@code reset}) and what they read
 * ({@code calls}, {@code webhooks}); the payout ledger's own helpers come from {@link PayoutApi}.
 * A refusal is 400 {@code {code, message}}, its code taken from a {@code CODE: message} exception.
 */
final class TossLocalRoutes {

    private final TossEmulator toss;
    private final PayoutApi payoutApi;

    TossLocalRoutes(TossEmulator toss, PayoutApi payoutApi) {
        this.toss = toss;
        this.payoutApi = payoutApi;
    }

    Answer handle(String method, String route, byte[] body) {
        try {
            JsonNode in = TossJson.parse(body);
            return switch (method + " " + route) {
                case "POST checkout" -> checkout(in);
                case "POST deposit" -> {
                    TossEmulator.DepositResult result = toss.depositAndNotify(text(in, "orderId"));
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("deposited", result.deposited());
                    out.put("webhookStatus", result.webhookStatus());
                    yield ok(out);
                }
                case "POST payment-status-changed" -> ok(Map.of("webhookStatus",
                        toss.paymentStatusChanged(text(in, "orderId"))));
                case "GET calls" -> ok(toss.calls());
                case "POST faults" -> {
                    Long times = amount(in, "times");
                    toss.inject(Fault.valueOf(text(in, "fault")), times == null ? 1 : Math.toIntExact(times));
                    yield ok(Map.of("queued", toss.queuedFaults()));
                }
                case "POST latency" -> {
                    Long millis = amount(in, "millis");
                    toss.latency(Duration.ofMillis(millis == null ? 0 : millis));
                    yield ok(Map.of("millis", toss.latency().toMillis()));
                }
                case "POST advance" -> {
                    Long millis = amount(in, "millis");
                    toss.advance(Duration.ofMillis(millis == null ? 0 : millis));
                    yield ok(Map.of("now", TossPayment.time(toss.now())));
                }
                case "POST webhook-url" -> {
                    toss.webhookUrl(text(in, "url"));
                    yield ok(Map.of());
                }
                case "GET webhooks" -> ok(toss.webhookDeliveries());
                case "POST reset" -> {
                    toss.reset();
                    yield ok(Map.of());
                }
                default -> {
                    Answer payout = payoutApi.local(method, route, in);
                    yield payout != null ? payout
                            : error(404, "NOT_FOUND", "no such helper: " + method + " /_local/toss/" + route);
                }
            };
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException | NullPointerException e) {
            String message = String.valueOf(e.getMessage());
            int colon = message.indexOf(':');
            String code = colon > 0 && message.substring(0, colon).matches("[A-Z_]+") ? message.substring(0, colon)
                    : "INVALID_REQUEST";
            return error(400, code, message);
        }
    }

    /** What the payment widget yields: a paymentKey, and the refund account typed into a virtual-account form. */
    private Answer checkout(JsonNode in) {
        String orderId = text(in, "orderId");
        Long amount = amount(in, "amount");
        String m = text(in, "method");
        if (orderId == null || amount == null || m == null) {
            return error(400, "INVALID_REQUEST", "orderId, amount and method are required");
        }
        Method method;
        try {
            method = Method.valueOf(m);
        } catch (IllegalArgumentException e) {
            return error(400, "INVALID_REQUEST", "method must be CARD or VIRTUAL_ACCOUNT");
        }
        String orderName = text(in, "orderName");
        String customerName = text(in, "customerName");
        String key = toss.checkout(orderId, amount, method, orderName == null ? TossEmulator.ORDER_NAME : orderName,
                customerName == null ? TossEmulator.CUSTOMER_NAME : customerName);
        JsonNode refund = in.get("refundReceiveAccount");
        if (method == Method.VIRTUAL_ACCOUNT && refund != null && refund.isObject()) {
            toss.widgetRefundAccount(key, text(refund, "bankCode"), text(refund, "accountNumber"),
                    text(refund, "holderName"));
        }
        return ok(Map.of("paymentKey", key));
    }
}
