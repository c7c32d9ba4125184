package dev.noshowping.functions.payments;

import dev.noshowping.http.Route;
import dev.noshowping.lambda.HttpFunction;
import java.util.Map;

/** Orders and payments: holds, Toss confirm exactly once, cancel and refund. */
public final class TossConfirmHandler extends HttpFunction {

    private static final String BUYER_FLOW = "buyer-flow issue #5";

    public TossConfirmHandler() {
        super(Map.of(
                "POST /orders", Route.notImplemented(BUYER_FLOW),
                "GET /orders/{id}", Route.notImplemented(BUYER_FLOW),
                "POST /payments/confirm", Route.notImplemented(BUYER_FLOW),
                "POST /orders/{id}/cancel", Route.notImplemented(BUYER_FLOW)));
    }
}
