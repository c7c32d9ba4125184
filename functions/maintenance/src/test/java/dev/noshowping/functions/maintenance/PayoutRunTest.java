package dev.noshowping.functions.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noshowping.aws.Secrets;
import dev.noshowping.config.Environment;
import dev.noshowping.crypto.FieldCipher;
import dev.noshowping.db.Database;
import dev.noshowping.emulator.toss.TossEmulator;
import dev.noshowping.lambda.Lazy;
import dev.noshowping.lambda.LocalContext;
import dev.noshowping.payment.payout.TossPayoutClient;
import dev.noshowping.payout.PayoutRun;
import dev.noshowping.testkit.Marketplace;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.Rows;
import dev.noshowping.testkit.S3Extension;
import dev.noshowping.testkit.TossExtension;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The payout run against PostgreSQL and the Toss emulator's payout API (JWE over a real socket):
 * what is due reaches verified sellers exactly once, whatever fails on the way.
 */
@ExtendWith({PostgresExtension.class, S3Extension.class, TossExtension.class})
class PayoutRunTest {

    DataSource ds;
    TossEmulator toss;
    long merchant;

    @BeforeEach
    void completedSales(DataSource ds, TossEmulator toss) throws SQLException {
        this.ds = ds;
        this.toss = toss;
        toss.payouts().setBalance(10_000_000);
        completedOrder("seller-1", 200_000, -3);
        completedOrder("seller-1", 100_000, -1);
        merchant = Long.parseLong(scalar("select id from merchant"));
    }

    void completedOrder(String seller, long price, int days) {
        Marketplace.completedSale(seller, price, days);
    }

    PayoutRun run() {
        return new PayoutRun(Database::dataSource,
                Lazy.of(() -> TossPayoutClient.from(Environment.current(), Secrets::get)),
                Lazy.of(() -> FieldCipher.from(Environment.current(), Secrets::get)), Clock.systemUTC());
    }

    void verify() throws SQLException {
        execute("update merchant set verified_at = now() where id = " + merchant);
    }

    @Test
    void whatIsDueGoesToTheVerifiedSellerAsOnePayoutAndCompletes() throws Exception {
        verify();
        var summary = new PayoutHandler().handleRequest(null, LocalContext.of("PayoutFunction", 300));
        assertThat(summary).containsEntry("sellersRegistered", 1).containsEntry("payoutsClaimed", 1)
                .containsEntry("payoutsSent", 1);
        String seller = scalar("select toss_seller_id from merchant where id = " + merchant);
        var sent = toss.payouts().payoutsTo(seller);
        assertThat(sent).hasSize(1);
        assertThat(sent.getFirst().amount()).as("the two settlements' net").isEqualTo(190_000 + 95_000);
        assertThat(scalar("select status from payout")).isEqualTo("REQUESTED");
        assertThat(scalar("select count(*) from settlement where payout_id is null")).isEqualTo("0");

        toss.payouts().completePayouts();
        assertThat(run().run()).containsEntry("followedUp", 1).containsEntry("payoutsSent", 0);
        assertThat(scalar("select status from payout")).isEqualTo("COMPLETED");
        assertThat(scalar("select count(*) from outbox where topic = 'payout.completed'")).isEqualTo("1");
        assertThat(run().run()).containsEntry("payoutsClaimed", 0).containsEntry("payoutsSent", 0);
        assertThat(toss.payouts().payouts()).as("paid once").hasSize(1);
        assertThat(scalar("select count(*) from payout_violation")).isEqualTo("0");
    }

    @Test
    void anUnverifiedMerchantsMoneyWaitsAndMoneyNotYetDueStays() throws Exception {
        assertThat(run().run()).containsEntry("sellersRegistered", 0).containsEntry("payoutsClaimed", 0);
        assertThat(toss.payouts().payouts()).isEmpty();
        completedOrder("seller-1", 50_000, 3);
        verify();
        run().run();
        assertThat(scalar("select count(*) from settlement where payout_id is null")).as("the one due in 3 days").isEqualTo("1");
        assertThat(toss.payouts().payouts()).hasSize(1);
    }

    @Test
    void twoRunsAtOnceSendOnePayout() throws Exception {
        verify();
        run().run(); // registers the seller (and pays); a new sale then races two runs
        completedOrder("seller-1", 80_000, 0);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Map<String, Object>>> runs = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(2)) {
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return run().run();
                }));
            }
            start.countDown();
            for (var r : runs) {
                r.get();
            }
        }
        assertThat(scalar("select count(*) from payout")).isEqualTo("2");
        assertThat(toss.payouts().payouts()).hasSize(2);
        for (var p : toss.payouts().payouts()) {
            assertThat(toss.payouts().payoutCount(p.refPayoutId())).isEqualTo(1);
        }
        assertThat(scalar("select count(*) from payout_violation")).isEqualTo("0");
    }

    @Test
    void aLostAnswerIsSettledByLookUpAndNeverSentTwice() throws Exception {
        verify();
        toss.payouts().loseAnswers(1);
        assertThat(run().run()).containsEntry("payoutsSent", 0);
        assertThat(scalar("select status from payout")).as("the answer never came").isEqualTo("SENDING");
        assertThat(toss.payouts().payouts()).as("yet Toss has it").hasSize(1);

        assertThat(run().run()).containsEntry("reconciled", 1).containsEntry("payoutsSent", 0);
        assertThat(scalar("select status from payout")).isEqualTo("REQUESTED");
        assertThat(toss.payouts().payoutRequestCalls()).as("sent once").isEqualTo(1);
        assertThat(toss.payouts().payouts()).hasSize(1);
    }

    @Test
    void aFailedPayoutIsRetriedUnderANewRefAndFlaggedWhenItKeepsFailing() throws Exception {
        verify();
        toss.payouts().markAccountInvalid("088", "110123456789");
        for (int attempt = 1; attempt <= PayoutRun.MAX_ATTEMPTS; attempt++) {
            run().run();
            toss.payouts().completePayouts();
        }
        run().run(); // records the last failure
        assertThat(scalar("select status || ' ' || attempt from payout")).isEqualTo("FAILED " + PayoutRun.MAX_ATTEMPTS);
        assertThat(toss.payouts().payouts()).as("one Toss payout per attempt, each its own ref")
                .hasSize(PayoutRun.MAX_ATTEMPTS)
                .extracting(p -> p.refPayoutId()).doesNotHaveDuplicates();
        assertThat(scalar("select count(*) from outbox where topic = 'payout.failed'")).isEqualTo(String.valueOf(PayoutRun.MAX_ATTEMPTS));
        assertThat(scalar("select bool_or((payload->>'givingUp')::boolean) from outbox where topic = 'payout.failed'"))
                .isEqualTo("t");
        run().run();
        assertThat(toss.payouts().payouts()).as("no more attempts").hasSize(PayoutRun.MAX_ATTEMPTS);
    }

    @Test
    void payoutsBeyondTheBalanceWaitAndOperationsAreTold() throws Exception {
        verify();
        toss.payouts().setBalance(1_000);
        assertThat(run().run()).containsEntry("payoutsSent", 0).containsEntry("waitingForBalance", 285_000L);
        assertThat(scalar("select status from payout")).isEqualTo("PENDING");
        assertThat(scalar("select count(*) from outbox where topic = 'payout.balance_short'")).isEqualTo("1");
        toss.payouts().setBalance(1_000_000);
        assertThat(run().run()).containsEntry("payoutsSent", 1);
    }

    private void execute(String sql) throws SQLException {
        Rows.execute(ds, sql);
    }

    private String scalar(String sql) throws SQLException {
        return Rows.text(ds, sql);
    }
}
