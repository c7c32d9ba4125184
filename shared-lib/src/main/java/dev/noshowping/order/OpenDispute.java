package dev.noshowping.order;

import dev.noshowping.db.Transaction;
import dev.noshowping.domain.Validation;
import dev.noshowping.identity.Caller;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * {@code POST /orders/{id}/disputes}: after the payment the buyer's only way to get money back. The
 * order leaves the clock (no auto-confirm, no deadline refund) until staff resolve it. Against
 * the auto-confirm at the same instant, the guarded move decides: one outcome.
 */
public final class OpenDispute {

    private final Supplier<DataSource> dataSource;

    public OpenDispute(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    public DisputeView open(Caller caller, long id, DisputeRequest request) {
        Validation v = new Validation();
        DisputeReason reason = v.oneOf("reason", request.reason(), DisputeReason.class);
        v.text("description", request.description(), 1, 2000);
        Evidence.validate(v, request.screenshotIds());
        v.throwIfInvalid();

        var order = OrderAccess.as(caller, OrderParty.BUYER, OrderAccess.read(dataSource, id));
        OrderTransitions.require(order.status(), OrderEvent.DISPUTED);
        DisputeReason why = reason;
        return Transaction.run(dataSource.get(), c -> {
            if (!OrderRepository.move(c, id, OrderEvent.DISPUTED)) {
                throw new TransitionRefused(OrderRepository.findById(c, id).orElseThrow().status(), OrderEvent.DISPUTED);
            }
            long disputeId = DisputeRepository.open(c, id, why, request.description().strip());
            Evidence.attach(c, id, order.buyerUserId(), request.screenshotIds(), Evidence.Kind.DISPUTE);
            var dispute = DisputeRepository.find(c, disputeId).orElseThrow();
            OrderNotifications.disputed(c, order, dispute);
            return dispute;
        });
    }
}
