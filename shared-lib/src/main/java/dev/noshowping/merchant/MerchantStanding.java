package dev.noshowping.merchant;

import dev.noshowping.admin.AdminActionKind;
import dev.noshowping.admin.AdminActionRepository;
import dev.noshowping.admin.StaffNote;
import dev.noshowping.db.Transaction;
import dev.noshowping.domain.NotFound;
import dev.noshowping.domain.WrongState;
import dev.noshowping.identity.Caller;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * {@code POST /admin/merchants/{id}/suspend} and {@code …/reinstate}. A suspended merchant's
 * articles leave the catalogue (nobody but they and staff see them, nobody can hold them) and they
 * cannot publish; orders already paid go on as they were. Asking for the state a merchant is already
 * in is refused (409), so two members of staff acting at once learn that the other was first.
 */
public final class MerchantStanding {

    private final Supplier<DataSource> dataSource;

    public MerchantStanding(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    public Merchant suspend(Caller caller, long merchantId, StaffNote note) {
        return change(caller, merchantId, note, true);
    }

    public Merchant reinstate(Caller caller, long merchantId, StaffNote note) {
        return change(caller, merchantId, note, false);
    }

    private Merchant change(Caller caller, long merchantId, StaffNote note, boolean suspend) {
        caller.requireAdmin("only staff suspend or reinstate merchants");
        String reason = note.checkedReason();
        return Transaction.run(dataSource.get(), c -> {
            Merchant merchant = MerchantRepository.findById(c, merchantId)
                    .orElseThrow(() -> new NotFound("no merchant " + merchantId));
            if (!MerchantRepository.setSuspended(c, merchantId, suspend)) {
                throw suspend
                        ? new WrongState(MerchantStatus.SUSPENDED, "merchant " + merchantId + " is already suspended")
                        : new WrongState(merchant.verified() ? MerchantStatus.VERIFIED : MerchantStatus.UNVERIFIED,
                        "merchant " + merchantId + " is not suspended");
            }
            AdminActionRepository.record(c, caller.subject(),
                    suspend ? AdminActionKind.MERCHANT_SUSPENDED : AdminActionKind.MERCHANT_REINSTATED, merchantId, reason);
            return MerchantRepository.findById(c, merchantId).orElseThrow();
        });
    }
}
