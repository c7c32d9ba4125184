package dev.noshowping.functions.webhooks;

import dev.noshowping.http.Route;
import dev.noshowping.lambda.HttpFunction;
import java.util.Map;

/** {@code POST /webhooks/toss}: Toss payment-status and deposit callbacks (no JWT; verified by content). */
public final class TossWebhookHandler extends HttpFunction {

    public TossWebhookHandler() {
        super(Map.of("POST /webhooks/toss", Route.notImplemented("buyer-flow issue #5")));
    }
}
