package dev.noshowping.functions.webhooks;

import dev.noshowping.aws.Secrets;
import dev.noshowping.config.Environment;
import dev.noshowping.db.Database;
import dev.noshowping.http.ApiResponses;
import dev.noshowping.http.Problem;
import dev.noshowping.lambda.HttpFunction;
import dev.noshowping.lambda.Lazy;
import dev.noshowping.order.OrderPolicy;
import dev.noshowping.order.TossWebhook;
import dev.noshowping.payment.TossClient;
import dev.noshowping.payment.payout.TossPayoutClient;
import dev.noshowping.payout.PayoutWebhook;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code POST /webhooks/toss}: Toss payment-status and deposit callbacks, and the payouts'
 * {@code payout.changed} (no JWT; verified by content, or by Toss's signature for payouts).
 */
public final class TossWebhookHandler extends HttpFunction {

    /** Toss's events are a few KB (a payment object with its cancels); 16 K characters leaves room and bounds the work. */
    static final int MAX_BODY_CHARS = 16 * 1024;

    public TossWebhookHandler() {
        this(new TossWebhook(Database::dataSource, Lazy.of(() -> TossClient.from(Environment.current(), Secrets::get)),
                OrderPolicy.from(Environment.current())),
                new PayoutWebhook(Database::dataSource, Lazy.of(() -> TossPayoutClient.from(Environment.current(), Secrets::get))));
    }

    private TossWebhookHandler(TossWebhook payments, PayoutWebhook payouts) {
        super(Map.of("POST /webhooks/toss", r -> {
            // anyone can post here: refuse a body no Toss event needs before parsing it
            if (r.hasBody() && r.rawBody().length() > MAX_BODY_CHARS) {
                return ApiResponses.problem(Problem.of(413, "payload-too-large", "Payload too large",
                        "a Toss webhook is at most " + MAX_BODY_CHARS + " characters"));
            }
            Map<String, String> headers = r.event().getHeaders() == null ? Map.of() : r.event().getHeaders().entrySet()
                    .stream().collect(Collectors.toMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue,
                            (a, b) -> a));
            var body = r.jsonBody();
            if (PayoutWebhook.EVENT_TYPE.equals(body.path("eventType").asText())) {
                return ApiResponses.json(200, Map.of("result", payouts.receive(headers, r.rawBody())));
            }
            return ApiResponses.json(200, Map.of("result", payments.receive(r.rawBody(), body)));
        }));
    }
}
