package dev.noshowping.payment.payout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.config.Environment;
import dev.noshowping.json.Json;
import dev.noshowping.payment.TossClient;
import dev.noshowping.payment.TossException;
import dev.noshowping.payment.TossTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * TossPayments payouts (지급대행, API v2): sellers, payout requests, look-ups, the balance, and the
 * {@code payout.changed} webhook. Basic auth of {@code secretKey:} as for payments; every POST with a body
 * travels as a JWE under the security key ({@link PayoutCipher}, header
 * {@code TossPayments-api-security-mode: ENCRYPTION}) and its answer comes back encrypted. See docs/toss.md,
 * "Payouts (지급대행, v2)".
 *
 * <p>On {@link TossTransport}, as {@link TossClient}: the JDK's blocking {@code HttpURLConnection}, bodies of a
 * fixed length (so the JDK never re-sends a POST by itself), {@link TossClient.Unanswered} when no answer arrived and
 * {@link TossException} for Toss's error answers.
 */
public final class TossPayoutClient {

    /** Toss takes at most 100 payouts per request. */
    public static final int MAX_PAYOUTS_PER_REQUEST = 100;

    static final String SECURITY_MODE = "TossPayments-api-security-mode";
    private static final int PAGE_SIZE = 100;

    private final TossTransport transport;
    private final PayoutCipher cipher;

    public TossPayoutClient(String baseUrl, String secretKey, String securityKeyHex, Duration timeout) {
        this.transport = new TossTransport(baseUrl, secretKey, timeout);
        this.cipher = new PayoutCipher(securityKeyHex);
    }

    /**
     * {@code TOSS_API_BASE_URL} (default Toss's); the secret key from {@code TOSS_SECRET_KEY} or the secret
     * named by {@code TOSS_SECRET_KEY_SECRET_ARN}; the security key from {@code TOSS_PAYOUT_SECURITY_KEY} or
     * the secret named by {@code TOSS_PAYOUT_SECURITY_KEY_SECRET_ARN}; {@code TOSS_PAYOUT_TIMEOUT_MILLIS}
     * (default 60 s: Toss's v1 payout guide asks for at least 60 s, and v2 names no other figure).
     */
    public static TossPayoutClient from(Environment env, Function<String, String> secrets) {
        String secretKey = env.optional("TOSS_SECRET_KEY")
                .orElseGet(() -> secrets.apply(env.require("TOSS_SECRET_KEY_SECRET_ARN")));
        String securityKey = env.optional("TOSS_PAYOUT_SECURITY_KEY")
                .orElseGet(() -> secrets.apply(env.require("TOSS_PAYOUT_SECURITY_KEY_SECRET_ARN")));
        return new TossPayoutClient(env.get("TOSS_API_BASE_URL", "https://api.tosspayments.com"), secretKey,
                securityKey, Duration.ofMillis(env.getInt("TOSS_PAYOUT_TIMEOUT_MILLIS", 60_000)));
    }

    /** {@code POST /v2/sellers}: Toss's id for the seller (a payout's destination) and its status. */
    public TossSeller registerSeller(SellerRegistration r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("refSellerId", r.refSellerId());
        body.put("businessType", r.businessType().name());
        if (r.individual() != null) {
            body.put("individual", r.individual());
        }
        if (r.company() != null) {
            body.put("company", r.company());
        }
        body.put("account", r.account());
        return seller(send("POST", "v2/sellers", body, null));
    }

    /** {@code GET /v2/sellers/{id}}: the seller's current status (its KYC may have progressed). */
    public TossSeller seller(String sellerId) {
        return seller(send("GET", "v2/sellers/" + TossTransport.encode(sellerId), null, null));
    }

    /**
     * {@code POST /v2/payouts} with {@code Idempotency-Key}: 1 to 100 payouts in one request, accepted or
     * refused together. The answer lists them as Toss accepted them (normally REQUESTED); the outcome of
     * each arrives later as {@code payout.changed}. When the answer never arrives
     * ({@link TossClient.Unanswered}), send the same request again under the same key, or find the payouts
     * with {@link #payoutByRef}; never under a new key before looking.
     */
    public List<TossPayout> requestPayouts(String idempotencyKey, List<PayoutRequest> items) {
        if (items.isEmpty() || items.size() > MAX_PAYOUTS_PER_REQUEST) {
            throw new IllegalArgumentException("a payout request carries 1 to " + MAX_PAYOUTS_PER_REQUEST
                    + " payouts, got " + items.size());
        }
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("a payout request needs an Idempotency-Key");
        }
        List<Map<String, Object>> body = new ArrayList<>(items.size());
        for (PayoutRequest item : items) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("refPayoutId", item.refPayoutId());
            p.put("destination", item.destination());
            p.put("scheduleType", item.scheduleType().name());
            if (item.payoutDate() != null) {
                p.put("payoutDate", item.payoutDate().toString());
            }
            p.put("amount", Map.of("currency", "KRW", "value", item.amount()));
            p.put("transactionDescription", item.description());
            body.add(p);
        }
        JsonNode answer = send("POST", "v2/payouts", body, idempotencyKey);
        List<TossPayout> payouts = new ArrayList<>();
        for (JsonNode p : answer.path("items")) {
            payouts.add(TossPayout.from(p));
        }
        return payouts;
    }

    /** {@code GET /v2/payouts/{id}}: one payout by Toss's id. */
    public TossPayout payout(String payoutId) {
        return TossPayout.from(send("GET", "v2/payouts/" + TossTransport.encode(payoutId), null, null));
    }

    /**
     * The payout we requested as {@code refPayoutId}, for a request whose answer was lost. Toss documents
     * no look-up by our id, so this walks {@code GET /v2/payouts} (newest first, {@code limit},
     * {@code startingAfter}) until it finds it or the list ends: quick for a recent request.
     */
    public Optional<TossPayout> payoutByRef(String refPayoutId) {
        String cursor = null;
        while (true) {
            String query = "?limit=" + PAGE_SIZE + (cursor == null ? "" : "&startingAfter=" + TossTransport.encode(cursor));
            JsonNode page = send("GET", "v2/payouts" + query, null, null);
            for (JsonNode p : page.path("items")) {
                if (refPayoutId.equals(TossPayout.text(p, "refPayoutId"))) {
                    return Optional.of(TossPayout.from(p));
                }
            }
            String next = TossPayout.text(page, "lastCursor");
            if (!page.path("hasNext").asBoolean(false) || next == null || next.equals(cursor)) {
                return Optional.empty();
            }
            cursor = next;
        }
    }

    /** {@code GET /v2/balances}. */
    public Balance balance() {
        JsonNode b = send("GET", "v2/balances", null, null);
        return new Balance(b.path("pendingAmount").path("value").asLong(), b.path("availableAmount").path("value").asLong());
    }

    /**
     * A {@code payout.changed} webhook body (plain JSON, not encrypted):
     * {@code {eventType, eventId, createdAt, entityType: "payout", entityBody: {Payout}}}.
     *
     * @throws IllegalArgumentException when the body is not JSON or not a {@code payout.changed} event
     */
    public PayoutChanged parseWebhook(String body) {
        JsonNode event;
        try {
            event = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("payout webhook body is not JSON", e);
        }
        if (event == null || !"payout.changed".equals(TossPayout.text(event, "eventType"))
                || !event.path("entityBody").isObject()) {
            throw new IllegalArgumentException("not a payout.changed event: "
                    + (event == null ? "empty body" : "eventType " + TossPayout.text(event, "eventType")));
        }
        TossPayout payout = TossPayout.from(event.get("entityBody"));
        String createdAt = TossPayout.text(event, "createdAt");
        return new PayoutChanged(TossPayout.text(event, "eventId"),
                createdAt == null ? null : java.time.OffsetDateTime.parse(createdAt),
                payout.id(), payout.refPayoutId(), payout.status(), payout.failure(), payout);
    }

    /**
     * True if the webhook's {@code tosspayments-webhook-signature} is the security key's signature of its
     * body and {@code tosspayments-webhook-transmission-time} (only payout and seller webhooks carry one).
     */
    public boolean genuineWebhook(String body, String transmissionTime, String signature) {
        return cipher.genuineWebhook(body, transmissionTime, signature);
    }

    private static TossSeller seller(JsonNode s) {
        String type = TossPayout.text(s, "businessType");
        return new TossSeller(TossPayout.text(s, "id"), TossPayout.text(s, "refSellerId"),
                type == null ? null : BusinessType.valueOf(type), SellerStatus.of(TossPayout.text(s, "status")));
    }

    /** Toss's answer's {@code entityBody}; throws for an error answer or one that never arrived. */
    private JsonNode send(String method, String path, Object body, String idempotencyKey) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        if (body != null) {
            headers.put("Content-Type", "text/plain");
            headers.put(SECURITY_MODE, "ENCRYPTION");
        }
        TossTransport.Answer reply = transport.send(method, path, headers,
                body == null ? null : cipher.encrypt(Json.write(body)).getBytes(StandardCharsets.UTF_8));
        int status = reply.status();
        String answer = new String(reply.body(), StandardCharsets.UTF_8);
        JsonNode json = parse(method, path, status, answer);
        JsonNode error = json.path("error");
        if (error.isObject()) {
            throw new TossException(status, error.path("code").asText("HTTP_" + status), error.path("message").asText(""));
        }
        if (status / 100 != 2) {
            // an error outside the v2 envelope (a gateway's, or v1's {code, message})
            throw new TossException(status, json.path("code").asText("HTTP_" + status), json.path("message").asText(""));
        }
        return json.path("entityBody");
    }

    /** A plain JSON answer, or a JWE one (every answer to an ENCRYPTION request, errors included). */
    private JsonNode parse(String method, String path, int status, String answer) {
        String text = answer.strip();
        if (text.isEmpty()) {
            return Json.MAPPER.createObjectNode();
        }
        if (!text.startsWith("{")) {
            try {
                text = cipher.decrypt(text);
            } catch (PayoutCipher.Undecryptable e) {
                throw new PayoutCipher.Undecryptable("Toss's answer (HTTP " + status + ") to " + method + " /" + path
                        + " cannot be decrypted: " + e.getMessage() + ". Is the payout security key this Toss account's,"
                        + " as 64 hex characters? For a POST the request may have been processed: look it up.", e);
            }
        }
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new TossException(status >= 500 ? status : 502, "MALFORMED_ANSWER",
                    "Toss answered " + status + " with a body that is not JSON");
        }
    }
}
