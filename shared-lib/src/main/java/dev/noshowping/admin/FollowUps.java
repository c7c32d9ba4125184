package dev.noshowping.admin;

import dev.noshowping.db.Transaction;
import dev.noshowping.identity.Caller;
import dev.noshowping.notify.NotificationRepository;
import dev.noshowping.notify.NotificationStatus;
import dev.noshowping.paging.ListRequest;
import dev.noshowping.paging.Page;
import dev.noshowping.paging.PageRequest;
import dev.noshowping.resale.ResaleOutcome;
import dev.noshowping.resale.ResaleRepository;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * What the background work left for staff to look at: {@code GET /admin/notifications} (deliveries
 * by status, the failed ones by default, with their error) and {@code GET /admin/resale-checks}
 * (marketplace look-ups by outcome, any by default).
 */
public final class FollowUps {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    private final Supplier<DataSource> dataSource;

    public FollowUps(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    public Page<NotificationRepository.Line> notifications(Caller caller, Map<String, String> params) {
        caller.requireAdmin("only staff read what the background work left");
        var request = ListRequest.parse(params, "status", NotificationStatus.class, NotificationStatus.FAILED,
                DEFAULT_LIMIT, MAX_LIMIT);
        return request.pageOf(Transaction.read(dataSource.get(), c -> NotificationRepository.page(c, request.filter(),
                request.page().beforeId(), request.page().limit() + 1)), last -> PageRequest.cursorAfter(last.createdAt(), last.id()));
    }

    public Page<ResaleRepository.Check> resaleChecks(Caller caller, Map<String, String> params) {
        caller.requireAdmin("only staff read what the background work left");
        var request = ListRequest.parse(params, "outcome", ResaleOutcome.class, null, DEFAULT_LIMIT, MAX_LIMIT);
        return request.pageOf(Transaction.read(dataSource.get(), c -> ResaleRepository.page(c, request.filter(),
                request.page().beforeId(), request.page().limit() + 1)), last -> PageRequest.cursorAfter(last.checkedAt(), last.id()));
    }
}
