package dev.noshowping.merchant;

import dev.noshowping.db.Transaction;
import dev.noshowping.domain.Forbidden;
import dev.noshowping.domain.Validation;
import dev.noshowping.identity.Caller;
import dev.noshowping.paging.Page;
import dev.noshowping.paging.PageRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** {@code GET /admin/merchants}: staff's list of merchants in one status (unverified first by default), newest first, in keyset pages. */
public final class MerchantDirectory {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final Set<String> KNOWN = Set.of("status", "limit", "cursor");

    private final Supplier<DataSource> dataSource;

    public MerchantDirectory(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    public Page<Merchant> list(Caller caller, Map<String, String> params) {
        if (!caller.isAdmin()) {
            throw new Forbidden("only staff list merchants");
        }
        Map<String, String> p = params == null ? Map.of() : params;
        Validation v = new Validation();
        v.onlyKnown(p, KNOWN);
        MerchantStatus status = p.containsKey("status") ? v.oneOf("status", p.get("status"), MerchantStatus.class)
                : MerchantStatus.UNVERIFIED;
        PageRequest page = PageRequest.parse(p, v, DEFAULT_LIMIT, MAX_LIMIT);
        v.throwIfInvalid();
        long beforeId = page.after() == null ? Long.MAX_VALUE : page.after().id();
        List<Merchant> rows = Transaction.read(dataSource.get(),
                c -> MerchantRepository.page(c, status, beforeId, page.limit() + 1));
        return Page.of(rows, page.limit(), last -> PageRequest.cursorAfter(last.createdAt(), last.id()));
    }
}
