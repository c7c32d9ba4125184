package dev.noshowping.functions.payments;

import dev.noshowping.aws.Secrets;
import dev.noshowping.config.Environment;
import dev.noshowping.db.Database;
import dev.noshowping.http.ApiResponses;
import dev.noshowping.lambda.HttpFunction;
import dev.noshowping.lambda.Lazy;
import dev.noshowping.order.CancelOrder;
import dev.noshowping.order.CancelRequest;
import dev.noshowping.order.ConfirmPayment;
import dev.noshowping.order.HoldArticle;
import dev.noshowping.order.NewOrder;
import dev.noshowping.order.OrderReads;
import dev.noshowping.order.PaymentConfirmation;
import dev.noshowping.payment.TossClient;
import java.util.Map;

/** Orders and payments: holds, Toss confirm exactly once, cancel and refund. */
public final class TossConfirmHandler extends HttpFunction {

    public TossConfirmHandler() {
        this(Lazy.of(() -> TossClient.from(Environment.current(), Secrets::get)),
                Environment.current().getInt("ORDER_HOLD_MINUTES", 15));
    }

    private TossConfirmHandler(Lazy<TossClient> toss, int holdMinutes) {
        this(new HoldArticle(Database::dataSource, holdMinutes), new OrderReads(Database::dataSource),
                new ConfirmPayment(Database::dataSource, toss), new CancelOrder(Database::dataSource, toss));
    }

    private TossConfirmHandler(HoldArticle holds, OrderReads reads, ConfirmPayment confirms, CancelOrder cancels) {
        super(Map.of(
                "POST /orders", r -> ApiResponses.json(201, holds.hold(r.caller(), r.body(NewOrder.class))),
                "GET /orders/{id}", r -> ApiResponses.json(200, reads.get(r.caller(), r.idParameter("id"))),
                "POST /payments/confirm", r -> {
                    var result = confirms.confirm(r.caller(), r.body(PaymentConfirmation.class));
                    return ApiResponses.json(result.status(), result.order());
                },
                "POST /orders/{id}/cancel", r -> ApiResponses.json(200,
                        cancels.cancel(r.caller(), r.idParameter("id"), r.body(CancelRequest.class)))));
    }
}
