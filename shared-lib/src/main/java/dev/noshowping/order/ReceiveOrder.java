package dev.noshowping.order;

import dev.noshowping.db.Transaction;
import dev.noshowping.identity.Caller;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** {@code POST /orders/{id}/receive}: the buyer confirms they have the booking; the money becomes the seller's. */
public final class ReceiveOrder {

    private final Supplier<DataSource> dataSource;
    private final OrderCompletion completion;

    public ReceiveOrder(Supplier<DataSource> dataSource, OrderPolicy policy) {
        this.dataSource = dataSource;
        this.completion = new OrderCompletion(policy);
    }

    public OrderView receive(Caller caller, long id) {
        var order = OrderAccess.as(caller, OrderParty.BUYER, OrderAccess.read(dataSource, id));
        OrderTransitions.require(order.status(), OrderEvent.RECEIVED);
        Transaction.run(dataSource.get(), c -> {
            if (!completion.complete(c, order, OrderEvent.RECEIVED)) {
                throw new TransitionRefused(OrderRepository.findById(c, id).orElseThrow().status(), OrderEvent.RECEIVED);
            }
            return null;
        });
        return OrderAccess.read(dataSource, id).view();
    }
}
