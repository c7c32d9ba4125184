package dev.noshowping.merchant;

import dev.noshowping.db.Transaction;
import dev.noshowping.identity.Caller;
import dev.noshowping.paging.ListRequest;
import dev.noshowping.paging.Page;
import dev.noshowping.paging.PageRequest;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** {@code GET /admin/merchants}: staff's list of merchants in one status (unverified first by default), newest first, in keyset pages. */
public final class MerchantDirectory {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private final Supplier<DataSource> dataSource;

    public MerchantDirectory(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    public Page<Merchant> list(Caller caller, Map<String, String> params) {
        caller.requireAdmin("only staff list merchants");
        var request = ListRequest.parse(params, "status", MerchantStatus.class, MerchantStatus.UNVERIFIED,
                DEFAULT_LIMIT, MAX_LIMIT);
        List<Merchant> rows = Transaction.read(dataSource.get(),
                c -> MerchantRepository.page(c, request.filter(), request.page().beforeId(), request.page().limit() + 1));
        return request.pageOf(rows, last -> PageRequest.cursorAfter(last.createdAt(), last.id()));
    }
}
