package dev.noshowping.order;

import dev.noshowping.db.Transaction;
import dev.noshowping.http.Caller;
import dev.noshowping.http.Problem;
import dev.noshowping.http.ProblemException;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** Reads an order for a caller who must have a given part in it; anyone with no part learns nothing (404). */
final class OrderAccess {

    private OrderAccess() {
    }

    static OrderRepository.Row read(Supplier<DataSource> dataSource, long id) {
        return Transaction.read(dataSource.get(), c -> OrderRepository.findById(c, id))
                .orElseThrow(() -> notFound(id));
    }

    /** The order if the caller is {@code party} in it; 403 to the order's other party, 404 to anyone else. */
    static OrderRepository.Row as(Caller caller, OrderParty party, OrderRepository.Row order) {
        OrderParty actual = OrderParty.of(caller, order);
        if (actual == null) {
            throw notFound(order.view().id());
        }
        if (actual != party) {
            throw new ProblemException(Problem.forbidden("only the " + party.name().toLowerCase(java.util.Locale.ROOT)
                    + " of order " + order.view().id() + " may do this"));
        }
        return order;
    }

    static ProblemException notFound(Object id) {
        return new ProblemException(Problem.notFound("no order " + id));
    }
}
