package dev.noshowping.merchant;

import dev.noshowping.admin.AdminActionKind;
import dev.noshowping.admin.AdminActionRepository;
import dev.noshowping.admin.StaffNote;
import dev.noshowping.db.Transaction;
import dev.noshowping.domain.NotFound;
import dev.noshowping.identity.Caller;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * {@code POST /admin/merchants/{id}/verify}: staff have checked who the merchant is and that the
 * payout account is theirs. Only a verified merchant's settlements are paid out. Verifying twice
 * is harmless: the first time stands, and only it is in the audit log.
 */
public final class VerifyMerchant {

    private final Supplier<DataSource> dataSource;

    public VerifyMerchant(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    public Merchant verify(Caller caller, long merchantId, StaffNote note) {
        caller.requireAdmin("only staff verify merchants");
        String reason = note.checkedReason();
        return Transaction.run(dataSource.get(), c -> {
            Merchant merchant = MerchantRepository.findById(c, merchantId)
                    .orElseThrow(() -> new NotFound("no merchant " + merchantId));
            if (!MerchantRepository.markVerified(c, merchantId)) {
                return merchant;
            }
            AdminActionRepository.record(c, caller.subject(), AdminActionKind.MERCHANT_VERIFIED, merchantId, reason);
            return MerchantRepository.findById(c, merchantId).orElseThrow();
        });
    }
}
