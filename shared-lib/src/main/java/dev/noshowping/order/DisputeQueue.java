package dev.noshowping.order;

import dev.noshowping.db.Transaction;
import dev.noshowping.identity.Caller;
import dev.noshowping.paging.ListRequest;
import dev.noshowping.paging.Page;
import dev.noshowping.paging.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** {@code GET /admin/disputes}: staff's queue, oldest first, open ones by default, in keyset pages. */
public final class DisputeQueue {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private final Supplier<DataSource> dataSource;

    public DisputeQueue(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    public Page<DisputeView> list(Caller caller, Map<String, String> params) {
        caller.requireAdmin("only staff see disputes");
        var request = ListRequest.parse(params, "status", DisputeStatus.class, DisputeStatus.OPEN, DEFAULT_LIMIT, MAX_LIMIT);
        PageRequest page = request.page();
        Instant afterAt = page.after() == null ? Instant.EPOCH : page.after().time();
        long afterId = page.after() == null ? 0 : page.after().id();
        List<DisputeView> rows = Transaction.read(dataSource.get(),
                c -> DisputeRepository.page(c, request.filter(), afterAt, afterId, page.limit() + 1));
        return request.pageOf(rows, last -> PageRequest.cursorAfter(last.createdAt(), last.id()));
    }
}
