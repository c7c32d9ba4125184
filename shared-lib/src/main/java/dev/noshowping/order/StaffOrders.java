package dev.noshowping.order;

import dev.noshowping.admin.AdminActionRepository;
import dev.noshowping.admin.AdminTarget;
import dev.noshowping.db.Transaction;
import dev.noshowping.identity.Caller;
import dev.noshowping.notify.NotificationRepository;
import dev.noshowping.paging.ListRequest;
import dev.noshowping.paging.Page;
import dev.noshowping.paging.PageRequest;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** {@code GET /admin/orders} (every order, by status, newest first) and {@code GET /admin/orders/{id}} (its dossier). */
public final class StaffOrders {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    /** The staff actions a dossier shows: the latest, which is all an order ever has in practice. */
    static final int ACTIONS_SHOWN = 50;

    private final Supplier<DataSource> dataSource;

    public StaffOrders(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    public Page<OrderView> search(Caller caller, Map<String, String> params) {
        caller.requireAdmin("only staff search orders");
        var request = ListRequest.parse(params, "status", OrderStatus.class, null, DEFAULT_LIMIT, MAX_LIMIT);
        PageRequest page = request.page();
        List<OrderView> rows = Transaction.read(dataSource.get(),
                c -> OrderRepository.pageAll(c, request.filter(), page.after(), page.limit() + 1)).stream()
                .map(r -> OrderParty.ADMIN.view(r.view())).toList();
        return request.pageOf(rows, last -> PageRequest.cursorAfter(last.createdAt(), last.id()));
    }

    public OrderDossier dossier(Caller caller, long id) {
        caller.requireAdmin("only staff search orders");
        return Transaction.read(dataSource.get(), c -> {
            var row = OrderRepository.findById(c, id).orElseThrow(() -> OrderAccess.notFound(id));
            return new OrderDossier(OrderParty.ADMIN.view(row.view()), row.buyerSubject(), row.sellerSubject(),
                    row.merchantId(), row.articleTitle(), PaymentEventRepository.ofOrder(c, id),
                    RefundRepository.ofOrder(c, id).orElse(null),
                    NotificationRepository.ofOrder(c, row.view().orderId()),
                    AdminActionRepository.page(c, AdminTarget.ORDER, id, Long.MAX_VALUE, ACTIONS_SHOWN));
        });
    }
}
