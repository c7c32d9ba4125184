package dev.noshowping.order;

import dev.noshowping.db.Transaction;
import dev.noshowping.domain.Validation;
import dev.noshowping.identity.Caller;
import dev.noshowping.paging.Page;
import dev.noshowping.paging.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** {@code GET /admin/disputes}: staff's queue, oldest first, open ones by default, in keyset pages. */
public final class DisputeQueue {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final Set<String> KNOWN = Set.of("status", "limit", "cursor");

    private final Supplier<DataSource> dataSource;

    public DisputeQueue(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    public Page<DisputeView> list(Caller caller, Map<String, String> params) {
        caller.requireAdmin("only staff see disputes");
        Map<String, String> p = params == null ? Map.of() : params;
        Validation v = new Validation();
        v.onlyKnown(p, KNOWN);
        DisputeStatus status = p.containsKey("status") ? v.oneOf("status", p.get("status"), DisputeStatus.class)
                : DisputeStatus.OPEN;
        PageRequest page = PageRequest.parse(p, v, DEFAULT_LIMIT, MAX_LIMIT);
        v.throwIfInvalid();
        Instant afterAt = page.after() == null ? Instant.EPOCH : page.after().time();
        long afterId = page.after() == null ? 0 : page.after().id();
        List<DisputeView> rows = Transaction.read(dataSource.get(),
                c -> DisputeRepository.page(c, status, afterAt, afterId, page.limit() + 1));
        return Page.of(rows, page.limit(), last -> PageRequest.cursorAfter(last.createdAt(), last.id()));
    }
}
