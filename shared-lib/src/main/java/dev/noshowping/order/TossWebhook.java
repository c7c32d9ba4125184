package dev.noshowping.order;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.db.Transaction;
import dev.noshowping.http.Problem;
import dev.noshowping.http.ProblemException;
import dev.noshowping.json.Json;
import dev.noshowping.log.JsonLog;
import dev.noshowping.payment.TossClient;
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
 * a 200, in any order, possibly twice. So: every event is stored once (the transmission id, or the
 * event's own key), its content is never trusted — the payment is fetched from Toss and applied
 * through {@link PaymentSettlement}, which only moves orders forward — and a deposit callback is
 * accepted only with the payment's own {@code secret}, compared in constant time.
 */
public final class TossWebhook {

    /** What to answer: 200 when stored (and applied or old news). */
    public record Outcome(int status, String result) {
    }

    private final Supplier<DataSource> dataSource;
    private final Supplier<TossClient> toss;
    private final PaymentSettlement settlement;

    public TossWebhook(Supplier<DataSource> dataSource, Supplier<TossClient> toss, OrderPolicy policy) {
        this.dataSource = dataSource;
        this.toss = toss;
        this.settlement = new PaymentSettlement(dataSource, policy);
    }

    public Outcome receive(Map<String, String> headers, JsonNode body) {
        boolean deposit = body.has("secret") && body.has("transactionKey");
        String type = deposit ? "DEPOSIT_CALLBACK" : body.path("eventType").asText("");
        if (!type.matches("^[A-Z][A-Z0-9_]{2,63}$")) {
            throw new ProblemException(Problem.validation("eventType", "is not a Toss webhook event type"));
        }
        JsonNode data = deposit ? body : body.path("data");
        String orderId = data.path("orderId").asText("");
        String key = headers.getOrDefault("tosspayments-webhook-transmission-id",
                type + ":" + (deposit ? body.path("transactionKey").asText() : data.path("paymentKey").asText())
                        + ":" + data.path("status").asText() + ":" + body.path("createdAt").asText());
        var order = Transaction.read(dataSource.get(), c -> OrderRepository.findByOrderId(c, orderId)).orElse(null);
        long eventId;
        Optional<Long> stored = store(key, order == null ? null : order.view().id(), type, body);
        if (stored.isEmpty()) {
            return new Outcome(200, "duplicate");
        }
        eventId = stored.get();
        if (order == null) {
            return new Outcome(200, "unknown order: stored, not applied");
        }
        String paymentKey = order.paymentKey() != null ? order.paymentKey() : data.path("paymentKey").asText();
        // never trust the body: ask Toss what the payment is now, then move forward only
        var payment = toss.get().byPaymentKey(paymentKey);
        // the callback may arrive before our confirm stored the secret: Toss's own copy decides then
        String expected = order.paymentSecret() != null ? order.paymentSecret() : payment.secret();
        if (deposit && !sameSecret(expected, body.path("secret").asText(""))) {
            JsonLog.warn("webhook with a wrong deposit secret", Map.of("orderId", orderId, "eventId", eventId));
            throw new ProblemException(Problem.of(403, "webhook-rejected", "Webhook rejected",
                    "the deposit callback's secret does not match the payment"));
        }
        var moved = settlement.settle(order.view().id(), order.checkIn(), payment).moved();
        markApplied(eventId);
        return new Outcome(200, moved.map(s -> "order now " + s).orElse("no change"));
    }

    /** The event's row id, or empty when this event was already stored and applied. */
    private Optional<Long> store(String key, Long orderId, String type, JsonNode body) {
        return Transaction.run(dataSource.get(), c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    with existing as (select id, applied_at from payment_event where source_event_key = ?),
                    inserted as (
                        insert into payment_event (source_event_key, order_id, event_type, payload)
                        select ?, ?, ?, ?::jsonb where not exists (select 1 from existing)
                        on conflict (source_event_key) do nothing
                        returning id, applied_at)
                    select id, applied_at is not null from inserted
                    union all select id, applied_at is not null from existing""")) {
                s.setString(1, key);
                s.setString(2, key);
                s.setObject(3, orderId);
                s.setString(4, type);
                s.setString(5, Json.write(body));
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Long>empty(); // a concurrent delivery stored it this instant
                    }
                    // stored but never applied (Toss was unreachable last time): apply now
                    return rs.getBoolean(2) ? Optional.<Long>empty() : Optional.of(rs.getLong(1));
                }
            }
        });
    }

    private void markApplied(long eventId) {
        Transaction.run(dataSource.get(), c -> {
            try (PreparedStatement s = c.prepareStatement("update payment_event set applied_at = now() where id = ?")) {
                s.setLong(1, eventId);
                return s.executeUpdate();
            }
        });
    }

    static boolean sameSecret(String expected, String given) {
        if (expected == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
