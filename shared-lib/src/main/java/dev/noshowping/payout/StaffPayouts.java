package dev.noshowping.payout;

import dev.noshowping.admin.AdminActionKind;
import dev.noshowping.admin.AdminActionRepository;
import dev.noshowping.admin.StaffNote;
import dev.noshowping.db.Transaction;
import dev.noshowping.domain.NotFound;
import dev.noshowping.domain.WrongState;
import dev.noshowping.identity.Caller;
import dev.noshowping.paging.ListRequest;
import dev.noshowping.paging.Page;
import dev.noshowping.paging.PageRequest;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Staff and payouts: {@code GET /admin/payouts} (by status, newest first), {@code POST
 * /admin/payouts/{id}/retry} (a failed payout sent again under a new refPayoutId by the next run,
 * also once the run has stopped trying), {@code …/hold} and {@code …/release} (a payout that waits,
 * PENDING or FAILED, is kept from the run while staff look into the seller).
 */
public final class StaffPayouts {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private final Supplier<DataSource> dataSource;

    public StaffPayouts(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    public Page<PayoutRepository.Line> list(Caller caller, Map<String, String> params) {
        caller.requireAdmin("only staff work on payouts");
        var request = ListRequest.parse(params, "status", PayoutState.class, null, DEFAULT_LIMIT, MAX_LIMIT);
        List<PayoutRepository.Line> rows = Transaction.read(dataSource.get(),
                c -> PayoutRepository.page(c, request.filter(), request.page().beforeId(), request.page().limit() + 1));
        return request.pageOf(rows, last -> PageRequest.cursorAfter(last.createdAt(), last.id()));
    }

    public PayoutRepository.Line retry(Caller caller, long id, StaffNote note) {
        caller.requireAdmin("only staff work on payouts");
        String reason = note.checkedReason();
        return Transaction.run(dataSource.get(), c -> {
            var payout = PayoutRepository.line(c, id).orElseThrow(() -> notFound(id));
            if (payout.status() != PayoutState.FAILED
                    || !PayoutRepository.retry(c, id, payout.attempt(), PayoutRun.newRef())) {
                throw new WrongState(payout.status(), "payout " + id + " is " + payout.status() + ": only a FAILED one is retried");
            }
            AdminActionRepository.record(c, caller.subject(), AdminActionKind.PAYOUT_RETRIED, id, reason);
            return PayoutRepository.line(c, id).orElseThrow();
        });
    }

    public PayoutRepository.Line hold(Caller caller, long id, StaffNote note) {
        return setHeld(caller, id, note, true);
    }

    public PayoutRepository.Line release(Caller caller, long id, StaffNote note) {
        return setHeld(caller, id, note, false);
    }

    private PayoutRepository.Line setHeld(Caller caller, long id, StaffNote note, boolean held) {
        caller.requireAdmin("only staff work on payouts");
        String reason = note.checkedReason();
        return Transaction.run(dataSource.get(), c -> {
            var payout = PayoutRepository.line(c, id).orElseThrow(() -> notFound(id));
            if (!PayoutRepository.setHeld(c, id, held)) {
                throw new WrongState(payout.status(), held
                        ? "payout " + id + " is " + payout.status() + (payout.held() ? " and held already" : ": only one that waits (PENDING or FAILED) is held")
                        : "payout " + id + " is not held");
            }
            AdminActionRepository.record(c, caller.subject(), held ? AdminActionKind.PAYOUT_HELD : AdminActionKind.PAYOUT_RELEASED,
                    id, reason);
            return PayoutRepository.line(c, id).orElseThrow();
        });
    }

    private static NotFound notFound(long id) {
        return new NotFound("no payout " + id);
    }
}
