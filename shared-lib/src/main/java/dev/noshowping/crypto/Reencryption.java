package dev.noshowping.crypto;

import dev.noshowping.article.ArticleRepository;
import dev.noshowping.article.CreateArticle;
import dev.noshowping.db.Transaction;
import dev.noshowping.lambda.Deadline;
import dev.noshowping.log.JsonLog;
import dev.noshowping.merchant.MerchantRepository;
import dev.noshowping.merchant.RegisterMerchant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Step 2 of a key rotation (docs/architecture.md, "Security"): every sealed value not in the
 * current layout under the current key is opened and sealed again, bound to its row. Runs in
 * batches until none is left or the deadline comes; a value changed meanwhile by its owner is left
 * as they wrote it (already current). With nothing to rewrite it costs one query per column.
 */
public final class Reencryption {

    private static final int BATCH = 200;

    private final Supplier<DataSource> dataSource;
    private final Supplier<FieldCipher> cipher;

    public Reencryption(Supplier<DataSource> dataSource, Supplier<FieldCipher> cipher) {
        this.dataSource = dataSource;
        this.cipher = cipher;
    }

    public Map<String, Object> run(Deadline deadline) {
        FieldCipher c = cipher.get();
        int key = c.currentKeyId();
        int accounts = rewrite(deadline, "payout account",
                () -> Transaction.read(dataSource.get(), db -> MerchantRepository.accountsNotUnder(db, FieldCipher.LAYOUT, key, BATCH)),
                a -> {
                    byte[] now = c.reseal(a.sealed(), RegisterMerchant.ACCOUNT_AAD, RegisterMerchant.accountRow(a.ownerSubject()));
                    return Transaction.autocommit(dataSource.get(), db -> MerchantRepository.resealAccount(db, a.merchantId(), a.sealed(), now));
                });
        int references = rewrite(deadline, "booking reference",
                () -> Transaction.read(dataSource.get(), db -> ArticleRepository.referencesNotUnder(db, FieldCipher.LAYOUT, key, BATCH)),
                r -> {
                    byte[] now = c.reseal(r.sealed(), CreateArticle.BOOKING_REFERENCE_AAD,
                            CreateArticle.referenceRow(r.sellerSubject()));
                    return Transaction.autocommit(dataSource.get(), db -> ArticleRepository.resealReference(db, r.reservationId(), r.sealed(), now));
                });
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("payoutAccountsResealed", accounts);
        summary.put("bookingReferencesResealed", references);
        if (accounts + references > 0) {
            JsonLog.info("values resealed under the current key", Map.of("keyId", key, "payoutAccounts", accounts,
                    "bookingReferences", references));
        }
        return summary;
    }

    /**
     * Batch after batch of one column's stale values, until a batch is not full or rewrote nothing
     * (a value that cannot be opened stays, logged, rather than being read again and again).
     */
    private static <T> int rewrite(Deadline deadline, String what, Supplier<List<T>> stale, Function<T, Boolean> reseal) {
        int done = 0;
        boolean more = true;
        while (more && !deadline.passed()) {
            List<T> batch = stale.get();
            int before = done;
            for (T value : batch) {
                try {
                    done += reseal.apply(value) ? 1 : 0;
                } catch (IllegalStateException e) {
                    JsonLog.error("a sealed " + what + " could not be opened", Map.of("value", value.toString()), e);
                }
            }
            more = batch.size() == BATCH && done > before;
        }
        return done;
    }
}
