package dev.noshowping.order;

import dev.noshowping.db.Transaction;
import dev.noshowping.domain.Validation;
import dev.noshowping.identity.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * {@code POST /orders/{id}/transfer}: the seller says the booking is now in the buyer's name. The
 * buyer then sees the booking reference and has until the auto-confirm time to confirm or dispute.
 * Against the deadline refund, the guarded move decides: whichever commits first wins.
 */
public final class TransferOrder {

    private final Supplier<DataSource> dataSource;
    private final OrderPolicy policy;
    private final Clock clock;

    public TransferOrder(Supplier<DataSource> dataSource, OrderPolicy policy, Clock clock) {
        this.dataSource = dataSource;
        this.policy = policy;
        this.clock = clock;
    }

    public OrderView transfer(Caller caller, long id, TransferRequest request) {
        Validation v = new Validation();
        Evidence.validate(v, request.screenshotIds());
        v.throwIfInvalid();

        var order = OrderAccess.as(caller, OrderParty.SELLER, OrderAccess.read(dataSource, id));
        OrderTransitions.require(order.status(), OrderEvent.TRANSFERRED);
        Instant autoConfirmAt = policy.autoConfirmAt(clock.instant(), order.checkIn());
        Transaction.run(dataSource.get(), c -> {
            if (!OrderRepository.transfer(c, id, autoConfirmAt)) {
                // moved meanwhile (the deadline refund, a dispute): refuse naming where it is now
                var now = OrderRepository.findById(c, id).orElseThrow();
                throw new TransitionRefused(now.status(), OrderEvent.TRANSFERRED);
            }
            Evidence.attach(c, id, order.sellerUserId(), request.screenshotIds(), Evidence.Kind.TRANSFER_PROOF);
            OrderNotifications.moved(c, OrderRepository.findById(c, id).orElseThrow(), OrderStatus.TRANSFERRED);
            return null;
        });
        return OrderParty.SELLER.view(OrderAccess.read(dataSource, id).view());
    }
}
