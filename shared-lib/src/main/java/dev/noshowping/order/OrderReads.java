package dev.noshowping.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.noshowping.db.Transaction;
import dev.noshowping.http.Caller;
import dev.noshowping.http.Cursor;
import dev.noshowping.http.Validation;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
        p.keySet().stream().filter(k -> !KNOWN.contains(k)).sorted().forEach(k -> v.add(k, "is not a known parameter"));
        OrderParty party = switch (p.getOrDefault("as", "buyer")) {
            case "buyer" -> OrderParty.BUYER;
            case "seller" -> OrderParty.SELLER;
            default -> {
                v.add("as", "must be buyer or seller");
                yield OrderParty.BUYER;
            }
        };
        int limit = DEFAULT_LIMIT;
        if (p.containsKey("limit")) {
            try {
                long l = Long.parseLong(p.get("limit"));
                v.range("limit", l, 1, MAX_LIMIT);
                limit = (int) Math.max(1, Math.min(MAX_LIMIT, l));
            } catch (NumberFormatException e) {
                v.add("limit", "must be an integer");
            }
        }
        OrderRepository.Position after = null;
        if (p.containsKey("cursor")) {
            after = decode(p.get("cursor"));
            v.check(after != null, "cursor", "is not a cursor from a previous page");
        }
        v.throwIfInvalid();
        int size = limit;
        OrderRepository.Position from = after;
        List<OrderRepository.Row> rows = Transaction.read(dataSource.get(),
                c -> OrderRepository.pageOf(c, caller.subject(), party == OrderParty.SELLER, from, size + 1));
        List<OrderView> views = rows.stream().limit(size).map(r -> party.view(r.view())).toList();
        String next = rows.size() > size
                ? Cursor.encode(views.getLast().createdAt(), views.getLast().id()) : null;
        return new OrderPage(views, next);
    }

    private static OrderRepository.Position decode(String cursor) {
        return Cursor.decode(cursor, 2).map(parts -> {
            try {
                return new OrderRepository.Position(Instant.parse(parts[0]), Long.parseLong(parts[1]));
            } catch (DateTimeParseException | NumberFormatException e) {
                return null;
            }
        }).orElse(null);
    }
}
