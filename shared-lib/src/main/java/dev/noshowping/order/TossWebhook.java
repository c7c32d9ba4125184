package dev.noshowping.order;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.db.NamedSql;
import dev.noshowping.db.NamedStatement;
import dev.noshowping.db.Transaction;
import dev.noshowping.domain.Invalid;
import dev.noshowping.domain.NotGenuine;
import dev.noshowping.json.Json;
import dev.noshowping.log.JsonLog;
import dev.noshowping.payment.RefundAccountMask;
import dev.noshowping.payment.TossClient;
import dev.noshowping.payment.TossPayment;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * {@code POST /webhooks/toss}. Toss retries a webhook (7 times over about 3.8 days) until it gets
 * a 200, in any order, possibly twice, and anyone can post here. So: an event is stored only when
 * it names an order we have, once (keyed by its content: a header is the sender's choice); its
 * content is never trusted — the payment is fetched from Toss by our own paymentKey or order id
 * (never one the body names), must be that order's and of its amount, and is applied through
 * {@link PaymentSettlement}, which only moves orders where the transitions allow — and a deposit
 * callback is accepted only with the payment's own {@code secret}, compared in constant time.
 */
public final class TossWebhook {

    private final Supplier<DataSource> dataSource;
    private final Supplier<TossClient> toss;
    private final PaymentSettlement settlement;

    public TossWebhook(Supplier<DataSource> dataSource, Supplier<TossClient> toss, OrderPolicy policy) {
        this.dataSource = dataSource;
        this.toss = toss;
        this.settlement = new PaymentSettlement(dataSource, policy);
    }

    /**
     * What became of the event, for the answer's body. Every event Toss sends is accepted, known
     * order or not, so Toss stops retrying; only a malformed one or a deposit callback with a
     * wrong secret is refused.
     */
    public String receive(String rawBody, JsonNode body) {
        boolean deposit = body.has("secret") && body.has("transactionKey");
        String type = deposit ? "DEPOSIT_CALLBACK" : body.path("eventType").asText("");
        if (!type.matches("^[A-Z][A-Z0-9_]{2,63}$")) {
            throw new Invalid("eventType", "is not a Toss webhook event type");
        }
        JsonNode data = deposit ? body : body.path("data");
        String orderId = data.path("orderId").asText("");
        var order = Transaction.read(dataSource.get(), c -> OrderRepository.findByOrderId(c, orderId)).orElse(null);
        if (order == null) {
            // nothing is stored for an order we do not have: answered 200 all the same, so a stray
            // genuine event is not retried for days and a prober learns nothing
            return "unknown order: ignored";
        }
        TossPayment payment = null;
        boolean lookedUp = false;
        if (deposit) {
            // verified before anything is stored: a guessed secret, varied at will, would otherwise add a row per try
            // (the callback may arrive before our confirm stored the secret: Toss's own copy decides then)
            String expected = order.paymentSecret();
            if (expected == null) {
                payment = lookUp(order);
                lookedUp = true;
                expected = payment == null ? null : payment.secret();
            }
            if (!sameSecret(expected, body.path("secret").asText(""))) {
                JsonLog.warn("webhook with a wrong deposit secret", Map.of("orderId", orderId));
                throw new NotGenuine(
                        "the deposit callback's secret does not match the payment");
            }
        }
        // the same event delivered again has the same content, whatever the headers say
        String key = type + ":" + sha256(rawBody);
        Optional<Long> stored = store(key, order.view().id(), type, body);
        if (stored.isEmpty()) {
            return "duplicate";
        }
        long eventId = stored.get();
        if (!lookedUp) {
            payment = lookUp(order);
        }
        if (payment == null) {
            return "no payment for the order at Toss: stored, not applied";
        }
        if (!payment.orderId().equals(order.view().orderId()) || payment.totalAmount() != order.view().amount()) {
            JsonLog.warn("webhook for a payment that is not the order's", Map.of("orderId", orderId, "eventId", eventId,
                    "paymentOrderId", payment.orderId(), "paymentAmount", payment.totalAmount()));
            return "refused: the payment is not the order's (order id or amount differ)";
        }
        var moved = settlement.settle(order.view().id(), order.checkIn(), payment).moved();
        markApplied(eventId);
        return moved.map(s -> "order now " + s).orElse("no change");
    }

    /** Never trust the body, nor the paymentKey it names: ask Toss for our order's payment. */
    private TossPayment lookUp(OrderRepository.Row order) {
        return order.paymentKey() != null ? toss.get().byPaymentKey(order.paymentKey())
                : toss.get().byOrderId(order.view().orderId()).orElse(null);
    }

    /** The event's row id, or empty when this event was already stored and applied. */
    private Optional<Long> store(String key, Long orderId, String type, JsonNode body) {
        return Transaction.run(dataSource.get(), c -> {
            try (NamedStatement s = STORE.prepare(c)) {
                s.setString("key", key).set("order", orderId).setString("type", type);
                s.setString("payload", Json.write(RefundAccountMask.applyTo(body)));
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Long>empty(); // a concurrent delivery stored it this instant
                    }
                    // stored but never applied (Toss was unreachable last time): apply now
                    return rs.getBoolean("applied") ? Optional.<Long>empty() : Optional.of(rs.getLong("id"));
                }
            }
        });
    }

    private static final NamedSql STORE = NamedSql.parse("""
            with existing as (select id, applied_at from payment_event where source_event_key = :key),
            inserted as (
                insert into payment_event (source_event_key, order_id, event_type, payload)
                select :key, :order, :type, :payload::jsonb where not exists (select 1 from existing)
                on conflict (source_event_key) do nothing
                returning id, applied_at)
            select id, applied_at is not null as applied from inserted
            union all select id, applied_at is not null from existing""");

    private void markApplied(long eventId) {
        Transaction.run(dataSource.get(), c -> {
            try (PreparedStatement s = c.prepareStatement("update payment_event set applied_at = now() where id = ?")) {
                s.setLong(1, eventId);
                return s.executeUpdate();
            }
        });
    }

    static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean sameSecret(String expected, String given) {
        if (expected == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
