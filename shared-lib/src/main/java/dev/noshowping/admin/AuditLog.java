package dev.noshowping.admin;

import dev.noshowping.db.Transaction;
import dev.noshowping.domain.Validation;
import dev.noshowping.identity.Caller;
import dev.noshowping.paging.Page;
import dev.noshowping.paging.PageRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** {@code GET /admin/actions}: what staff did, newest first, of one merchant or article when asked, in keyset pages. */
public final class AuditLog {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    private static final Set<String> KNOWN = Set.of("targetType", "targetId", "limit", "cursor");

    private final Supplier<DataSource> dataSource;

    public AuditLog(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    public Page<AdminAction> list(Caller caller, Map<String, String> params) {
        caller.requireAdmin("only staff read the audit log");
        Map<String, String> p = params == null ? Map.of() : params;
        Validation v = new Validation();
        v.onlyKnown(p, KNOWN);
        AdminTarget type = p.containsKey("targetType") ? v.oneOf("targetType", p.get("targetType"), AdminTarget.class) : null;
        Long targetId = null;
        if (p.containsKey("targetId")) {
            String raw = p.get("targetId");
            if (raw == null || !raw.matches("[1-9][0-9]{0,17}")) {
                v.add("targetId", "must be a positive whole number");
            } else {
                targetId = Long.parseLong(raw);
            }
            v.check(type != null, "targetType", "is required with targetId");
        }
        PageRequest page = PageRequest.parse(p, v, DEFAULT_LIMIT, MAX_LIMIT);
        v.throwIfInvalid();
        Long id = targetId;
        List<AdminAction> rows = Transaction.read(dataSource.get(),
                c -> AdminActionRepository.page(c, type, id, page.beforeId(), page.limit() + 1));
        return Page.of(rows, page.limit(), last -> PageRequest.cursorAfter(last.createdAt(), last.id()));
    }
}
