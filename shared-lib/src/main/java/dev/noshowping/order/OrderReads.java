package dev.noshowping.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.noshowping.db.Transaction;
import dev.noshowping.domain.Validation;
import dev.noshowping.identity.Caller;
import dev.noshowping.paging.PageRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * {@code GET /orders/{id}}: the buyer, the seller and admins, each seeing their part
 * ({@link OrderParty#view}); anyone else learns nothing. {@code GET /orders?as=buyer|seller}: the
 * caller's purchases or sales, newest first, in keyset pages.
 */
public final class OrderReads {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 50;
    private static final Set<String> KNOWN = Set.of("as", "limit", "cursor");

    /** One page of the caller's orders; {@code nextCursor} null on the last page. */
    public record OrderPage(List<OrderView> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {
    }

    private final Supplier<DataSource> dataSource;

    public OrderReads(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    public OrderView get(Caller caller, long id) {
        var row = Transaction.read(dataSource.get(), c -> OrderRepository.findById(c, id)).orElse(null);
        OrderParty party = row == null ? null : OrderParty.of(caller, row);
        if (party == null) {
            throw OrderAccess.notFound(id);
        }
        return party.view(row.view());
    }

    public OrderPage mine(Caller caller, Map<String, String> params) {
        Map<String, String> p = params == null ? Map.of() : params;
        Validation v = new Validation();
        v.onlyKnown(p, KNOWN);
        OrderParty party = switch (p.getOrDefault("as", "buyer")) {
            case "buyer" -> OrderParty.BUYER;
            case "seller" -> OrderParty.SELLER;
            default -> {
                v.add("as", "must be buyer or seller");
                yield OrderParty.BUYER;
            }
        };
        PageRequest page = PageRequest.parse(p, v, DEFAULT_LIMIT, MAX_LIMIT);
        v.throwIfInvalid();
        List<OrderRepository.Row> rows = Transaction.read(dataSource.get(),
                c -> OrderRepository.pageOf(c, caller.subject(), party == OrderParty.SELLER, page.after(), page.limit() + 1));
        List<OrderView> views = rows.stream().limit(page.limit()).map(r -> party.view(r.view())).toList();
        String next = rows.size() > page.limit()
                ? PageRequest.cursorAfter(views.getLast().createdAt(), views.getLast().id()) : null;
        return new OrderPage(views, next);
    }
}
