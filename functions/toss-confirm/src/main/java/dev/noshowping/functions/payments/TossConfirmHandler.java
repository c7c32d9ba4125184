package dev.noshowping.functions.payments;

import dev.noshowping.aws.Secrets;
import dev.noshowping.config.Environment;
import dev.noshowping.db.Database;
import dev.noshowping.http.ApiResponses;
import dev.noshowping.lambda.HttpFunction;
import dev.noshowping.lambda.Lazy;
import dev.noshowping.log.JsonLog;
import dev.noshowping.log.Metrics;
import dev.noshowping.order.CancelOrder;
import dev.noshowping.order.CancelRequest;
import dev.noshowping.order.ConfirmPayment;
import dev.noshowping.order.DisputeRequest;
import dev.noshowping.order.HoldArticle;
import dev.noshowping.order.HoldLimits;
import dev.noshowping.order.NewOrder;
import dev.noshowping.order.OpenDispute;
import dev.noshowping.order.OrderPolicy;
import dev.noshowping.order.OrderReads;
import dev.noshowping.order.PaymentConfirmation;
import dev.noshowping.order.ReceiveOrder;
import dev.noshowping.order.TransferOrder;
import dev.noshowping.order.TransferRequest;
import dev.noshowping.payment.TossClient;
import java.time.Clock;
import java.util.Map;

/** Orders and payments: holds, Toss confirm exactly once, cancel and refund, and the order's life after the payment. */
public final class TossConfirmHandler extends HttpFunction {

    /** Kept free at the end of a confirm to store what Toss said and answer. */
    private static final java.time.Duration ANSWER_TIME = java.time.Duration.ofSeconds(2);

    /** The use cases behind the routes. */
    private record UseCases(HoldArticle holds, OrderReads reads, ConfirmPayment confirms, CancelOrder cancels,
                            TransferOrder transfers, ReceiveOrder receipts, OpenDispute disputes) {
    }

    public TossConfirmHandler() {
        this(useCases(Environment.current()));
    }

    private static UseCases useCases(Environment env) {
        Lazy<TossClient> toss = Lazy.of(() -> TossClient.from(Environment.current(), Secrets::get));
        OrderPolicy policy = OrderPolicy.from(env);
        Clock clock = Clock.systemUTC();
        return new UseCases(new HoldArticle(Database::dataSource, HoldLimits.from(env), policy, clock),
                new OrderReads(Database::dataSource), new ConfirmPayment(Database::dataSource, toss, policy),
                new CancelOrder(Database::dataSource, toss, policy), new TransferOrder(Database::dataSource, policy, clock),
                new ReceiveOrder(Database::dataSource, policy), new OpenDispute(Database::dataSource));
    }

    private TossConfirmHandler(UseCases u) {
        super(Map.of(
                "POST /orders", r -> ApiResponses.json(201, u.holds().hold(r.caller(), r.body(NewOrder.class))),
                "GET /orders", r -> ApiResponses.json(200, u.reads().mine(r.caller(), r.queryParameters())),
                "GET /orders/{id}", r -> ApiResponses.json(200, u.reads().get(r.caller(), r.idParameter("id"))),
                "POST /payments/confirm", r -> {
                    long start = System.nanoTime();
                    var result = u.confirms().confirm(r.caller(), r.body(PaymentConfirmation.class),
                            r.deadline(ANSWER_TIME));
                    Metrics.emit(Map.of("ConfirmLatency", Metrics.Figure.millis(JsonLog.millisSince(start)),
                            "PaymentsConfirmed", Metrics.Figure.count(result.stillConfirming() ? 0 : 1)));
                    return ApiResponses.json(result.stillConfirming() ? 202 : 200, result.order());
                },
                "POST /orders/{id}/cancel", r -> {
                    var result = u.cancels().cancel(r.caller(), r.idParameter("id"), r.body(CancelRequest.class));
                    return ApiResponses.json(result.refundPending() ? 202 : 200, result.order());
                },
                "POST /orders/{id}/transfer", r -> ApiResponses.json(200,
                        u.transfers().transfer(r.caller(), r.idParameter("id"),
                                r.hasBody() ? r.body(TransferRequest.class) : new TransferRequest(null))),
                "POST /orders/{id}/receive", r -> ApiResponses.json(200, u.receipts().receive(r.caller(), r.idParameter("id"))),
                "POST /orders/{id}/disputes", r -> ApiResponses.json(201,
                        u.disputes().open(r.caller(), r.idParameter("id"), r.body(DisputeRequest.class)))));
    }
}
