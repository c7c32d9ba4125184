package dev.noshowping.order;

import dev.noshowping.db.Transaction;
import dev.noshowping.http.Caller;
import dev.noshowping.http.Problem;
import dev.noshowping.http.ProblemException;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** {@code GET /orders/{id}}: the buyer, the seller and admins; anyone else learns nothing. */
public final class OrderReads {

    private final Supplier<DataSource> dataSource;

    public OrderReads(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    public OrderView get(Caller caller, long id) {
        return visible(caller, Transaction.read(dataSource.get(), c -> OrderRepository.findById(c, id)).orElse(null), id)
                .view();
    }

    static OrderRepository.Row visible(Caller caller, OrderRepository.Row row, Object id) {
        if (row == null || !(caller.isAdmin() || row.buyerSubject().equals(caller.subject())
                || row.sellerSubject().equals(caller.subject()))) {
            throw new ProblemException(Problem.notFound("no order " + id));
        }
        return row;
    }
}
