package dev.noshowping.functions.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noshowping.article.CreateArticle;
import dev.noshowping.config.Environment;
import dev.noshowping.crypto.FieldCipher;
import dev.noshowping.crypto.LegacySealer;
import dev.noshowping.crypto.KeyRing;
import dev.noshowping.crypto.Reencryption;
import dev.noshowping.db.Database;
import dev.noshowping.lambda.Deadline;
import dev.noshowping.merchant.RegisterMerchant;
import dev.noshowping.testkit.Marketplace;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.S3Extension;
import java.sql.Connection;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Step 2 of a key rotation on real rows: every value ends under the new key, bound to its row, readable as before. */
@ExtendWith({PostgresExtension.class, S3Extension.class})
class KeyRotationTest {

    static final String NEW_MATERIAL = "rotated-data-encryption-key-9876543210";

    @Test
    void everyValueIsResealedUnderTheCurrentKeyOnceAndReadsTheSame(DataSource ds) throws Exception {
        String old = Environment.current().require("DATA_ENCRYPTION_KEY");
        Marketplace.articleOnSale("seller-1", 100_000);
        Marketplace.articleOnSale("seller-2", 90_000);
        // seller-2's account as written before key ids: version 1, the column alone as associated data
        byte[] legacy = LegacySealer.seal(old, "110123456789", RegisterMerchant.ACCOUNT_AAD);
        try (Connection c = ds.getConnection(); var s = c.prepareStatement(
                "update merchant set payout_account_encrypted = ? where user_id = (select id from app_user where external_subject = 'seller-2')")) {
            s.setBytes(1, legacy);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        FieldCipher ring = new FieldCipher(new KeyRing(2, Map.of(1, old, 2, NEW_MATERIAL)));
        var rotation = new Reencryption(Database::dataSource, () -> ring);

        assertThat(rotation.run(Deadline.NONE)).containsEntry("payoutAccountsResealed", 2).containsEntry("bookingReferencesResealed", 2);
        assertThat(rotation.run(Deadline.NONE)).as("nothing left").containsEntry("payoutAccountsResealed", 0)
                .containsEntry("bookingReferencesResealed", 0);

        // the old key can now leave the ring: every value opens under key 2 alone, each bound to its row
        FieldCipher onlyNew = new FieldCipher(new KeyRing(2, Map.of(2, NEW_MATERIAL)));
        for (String seller : new String[] {"seller-1", "seller-2"}) {
            byte[] account = bytes(ds, "select m.payout_account_encrypted from merchant m join app_user u on u.id = m.user_id"
                    + " where u.external_subject = '" + seller + "'");
            assertThat(account[0]).isEqualTo((byte) FieldCipher.LAYOUT);
            assertThat(account[1]).isEqualTo((byte) 2);
            assertThat(onlyNew.decrypt(account, RegisterMerchant.ACCOUNT_AAD, RegisterMerchant.accountRow(seller)))
                    .isEqualTo("110123456789");
            byte[] reference = bytes(ds, """
                    select r.booking_reference_encrypted from reservation r join article a on a.id = r.article_id
                    join merchant m on m.id = a.merchant_id join app_user u on u.id = m.user_id
                    where u.external_subject = '%s'""".formatted(seller));
            assertThat(onlyNew.decrypt(reference, CreateArticle.BOOKING_REFERENCE_AAD, CreateArticle.referenceRow(seller)))
                    .startsWith("YJ-");
        }
    }

    private static byte[] bytes(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getBytes(1);
        }
    }
}
