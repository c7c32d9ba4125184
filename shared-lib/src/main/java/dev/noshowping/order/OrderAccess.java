package dev.noshowping.order;

import dev.noshowping.db.Transaction;
import dev.noshowping.domain.Forbidden;
import dev.noshowping.domain.NotFound;
import dev.noshowping.identity.Caller;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** Reads an order for a caller who must have a given part in it; anyone with no part learns nothing (not found). */
final class OrderAccess {

    private OrderAccess() {
    }

    static OrderRepository.Row read(Supplier<DataSource> dataSource, long id) {
        return Transaction.read(dataSource.get(), c -> OrderRepository.findById(c, id))
                .orElseThrow(() -> notFound(id));
    }

    /** The order if the caller is {@code party} in it; forbidden to the order's other party, not found to anyone else. */
    static OrderRepository.Row as(Caller caller, OrderParty party, OrderRepository.Row order) {
        OrderParty actual = OrderParty.of(caller, order);
        if (actual == null) {
            throw notFound(order.view().id());
        }
        if (actual != party) {
            throw new Forbidden("only the " + party.name().toLowerCase(java.util.Locale.ROOT)
                    + " of order " + order.view().id() + " may do this");
        }
        return order;
    }

    static NotFound notFound(Object id) {
        return new NotFound("no order " + id);
    }
}
