package dev.noshowping.payout;

import dev.noshowping.db.Transaction;
import dev.noshowping.domain.Invalid;
import dev.noshowping.domain.NotGenuine;
import dev.noshowping.domain.ProviderUnavailable;
import dev.noshowping.log.JsonLog;
import dev.noshowping.payment.TossClient;
import dev.noshowping.payment.TossException;
import dev.noshowping.payment.payout.PayoutChanged;
import dev.noshowping.payment.payout.TossPayout;
import dev.noshowping.payment.payout.TossPayoutClient;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * {@code payout.changed} on {@code POST /webhooks/toss}: accepted only with Toss's signature (the
 * security key's HMAC of the body and transmission time); the body only names the payout, whose
 * state is then read from Toss, as for payments. The daily run's look-ups stay the backstop, so a
 * webhook Toss could not deliver loses nothing.
 */
public final class PayoutWebhook {

    public static final String EVENT_TYPE = "payout.changed";

    private final Supplier<DataSource> dataSource;
    private final Supplier<TossPayoutClient> toss;

    public PayoutWebhook(Supplier<DataSource> dataSource, Supplier<TossPayoutClient> toss) {
        this.dataSource = dataSource;
        this.toss = toss;
    }

    /** What became of the event, for the answer's body; refused unless Toss's signature matches. */
    public String receive(Map<String, String> headers, String body) {
        TossPayoutClient client = toss.get();
        if (!client.genuineWebhook(body, headers.get("tosspayments-webhook-transmission-time"),
                headers.get("tosspayments-webhook-signature"))) {
            JsonLog.warn("payout webhook with a wrong signature", Map.of("bytes", body.length()));
            throw new NotGenuine("the payout webhook's signature does not match");
        }
        PayoutChanged event;
        try {
            event = client.parseWebhook(body);
        } catch (IllegalArgumentException e) {
            throw new Invalid("body", e.getMessage());
        }
        var ours = Transaction.read(dataSource.get(), c -> PayoutRepository.byRef(c, event.refPayoutId()));
        if (ours.isEmpty()) {
            // an earlier attempt's payout (we moved on to a new refPayoutId), or not ours: nothing to do
            return "unknown payout";
        }
        TossPayout now;
        try {
            now = client.payout(event.payoutId());
        } catch (TossException | TossClient.Unanswered e) {
            // Toss retries the webhook, and the daily run looks the payout up anyway
            throw new ProviderUnavailable("could not read the payout from Toss; deliver again later");
        }
        Transaction.run(dataSource.get(), c -> {
            PayoutOutcomes.record(c, ours.get(), now);
            return null;
        });
        return "payout now " + now.status();
    }
}
