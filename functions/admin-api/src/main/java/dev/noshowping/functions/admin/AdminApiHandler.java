package dev.noshowping.functions.admin;

import dev.noshowping.aws.Secrets;
import dev.noshowping.config.Environment;
import dev.noshowping.db.Database;
import dev.noshowping.http.ApiResponses;
import dev.noshowping.lambda.HttpFunction;
import dev.noshowping.lambda.Lazy;
import dev.noshowping.merchant.VerifyMerchant;
import dev.noshowping.order.DisputeQueue;
import dev.noshowping.order.DisputeResolution;
import dev.noshowping.order.OrderPolicy;
import dev.noshowping.order.Refunds;
import dev.noshowping.order.ResolveDispute;
import dev.noshowping.payment.TossClient;
import java.util.Map;

/** Staff's API (role ADMIN; every use case refuses anyone else with 403): disputes and merchant verification. */
public final class AdminApiHandler extends HttpFunction {

    public AdminApiHandler() {
        this(Lazy.of(() -> TossClient.from(Environment.current(), Secrets::get)), OrderPolicy.from(Environment.current()));
    }

    private AdminApiHandler(Lazy<TossClient> toss, OrderPolicy policy) {
        this(new DisputeQueue(Database::dataSource),
                new ResolveDispute(Database::dataSource, new Refunds(Database::dataSource, toss, policy), policy),
                new VerifyMerchant(Database::dataSource));
    }

    private AdminApiHandler(DisputeQueue disputes, ResolveDispute resolutions, VerifyMerchant verifications) {
        super(Map.of(
                "GET /admin/disputes", r -> ApiResponses.json(200, disputes.list(r.caller(), r.queryParameters())),
                "POST /admin/disputes/{id}/resolve", r -> ApiResponses.json(200,
                        resolutions.resolve(r.caller(), r.idParameter("id"), r.body(DisputeResolution.class))),
                "POST /admin/merchants/{id}/verify", r -> ApiResponses.json(200,
                        verifications.verify(r.caller(), r.idParameter("id")))));
    }
}
