package dev.noshowping.functions.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noshowping.aws.Secrets;
import dev.noshowping.config.Environment;
import dev.noshowping.crypto.FieldCipher;
import dev.noshowping.db.Database;
import dev.noshowping.emulator.toss.TossEmulator;
import dev.noshowping.lambda.Lazy;
import dev.noshowping.payment.payout.TossPayoutClient;
import dev.noshowping.payout.PayoutRun;
import dev.noshowping.testkit.ApiCall;
import dev.noshowping.testkit.HandlerEndpoint;
import dev.noshowping.testkit.Marketplace;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.Rows;
import dev.noshowping.testkit.S3Extension;
import dev.noshowping.testkit.TossExtension;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code payout.changed} from the emulator over real HTTP: signed, read back from Toss, recorded once. */
@ExtendWith({PostgresExtension.class, S3Extension.class, TossExtension.class})
class PayoutWebhookTest {

    final TossWebhookHandler handler = new TossWebhookHandler();
    HandlerEndpoint endpoint;
    DataSource ds;
    TossEmulator toss;

    @BeforeEach
    void aPayoutSent(DataSource ds, TossEmulator toss) throws SQLException {
        this.ds = ds;
        this.toss = toss;
        endpoint = HandlerEndpoint.serve(handler, "POST", "/webhooks/toss");
        toss.webhookUrl(endpoint.url("/webhooks/toss"));
        toss.payouts().setBalance(10_000_000);
        Marketplace.completedSale("seller-1", 200_000, 0);
        Rows.execute(ds, "update merchant set verified_at = now()");
        new PayoutRun(Database::dataSource, Lazy.of(() -> TossPayoutClient.from(Environment.current(), Secrets::get)),
                Lazy.of(() -> FieldCipher.from(Environment.current(), Secrets::get)), Clock.systemUTC()).run();
        assertThat(scalar("select status from payout")).isEqualTo("REQUESTED");
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void aSignedPayoutChangedCompletesThePayoutWithoutWaitingForTheNextRun() throws Exception {
        toss.payouts().completePayouts();
        assertThat(toss.webhookDeliveries()).last().satisfies(d -> {
            assertThat(d.eventType()).isEqualTo("payout.changed");
            assertThat(d.status()).isEqualTo(200);
        });
        assertThat(scalar("select status from payout")).isEqualTo("COMPLETED");
        assertThat(scalar("select count(*) from outbox where topic = 'payout.completed'")).isEqualTo("1");

        // Toss delivers it again: nothing new is recorded
        var again = toss.webhookDeliveries().getLast();
        var replay = ApiCall.anonymous().post("/webhooks/toss", again.body()).invoke(handler);
        assertThat(replay.status()).as("unsigned: refused").isEqualTo(403);
        assertThat(scalar("select count(*) from outbox where topic = 'payout.completed'")).isEqualTo("1");
    }

    @Test
    void aForgedPayoutChangedIsRefusedAndChangesNothing() throws Exception {
        String ref = scalar("select ref_payout_id from payout");
        String forged = """
                {"eventType":"payout.changed","createdAt":"2026-12-02T10:00:00+09:00","version":"2022-11-16",
                 "eventId":"evt-1","entityType":"payout","entityBody":{"id":"FPA_x","refPayoutId":"%s",
                 "status":"COMPLETED","amount":{"currency":"KRW","value":190000}}}""".formatted(ref);
        var reply = ApiCall.anonymous().post("/webhooks/toss", forged)
                .header("tosspayments-webhook-transmission-time", "2026-12-02T10:00:00+09:00")
                .header("tosspayments-webhook-signature", "v1:bm90IGEgc2lnbmF0dXJl").invoke(handler);
        assertThat(reply.status()).isEqualTo(403);
        assertThat(scalar("select status from payout")).isEqualTo("REQUESTED");
    }

    private String scalar(String sql) throws SQLException {
        return Rows.text(ds, sql);
    }
}
