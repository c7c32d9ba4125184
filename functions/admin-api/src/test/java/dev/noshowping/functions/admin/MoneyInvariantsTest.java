package dev.noshowping.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noshowping.aws.Secrets;
import dev.noshowping.config.Environment;
import dev.noshowping.crypto.FieldCipher;
import dev.noshowping.db.Database;
import dev.noshowping.emulator.toss.TossEmulator;
import dev.noshowping.functions.payments.TossConfirmHandler;
import dev.noshowping.lambda.Lazy;
import dev.noshowping.order.AfterPaymentMaintenance;
import dev.noshowping.order.OrderPolicy;
import dev.noshowping.payment.TossClient;
import dev.noshowping.payment.payout.TossPayoutClient;
import dev.noshowping.payout.PayoutRun;
import dev.noshowping.testkit.ApiCall;
import dev.noshowping.testkit.Marketplace;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.S3Extension;
import dev.noshowping.testkit.TossExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Money is exact: orders walked through every way an order can end after the payment, chosen at
 * random (a fixed seed, printed), then paid out; afterwards every sum is re-derived from rows and
 * compared with what the Toss emulator actually charged, refunded and paid out.
 */
@ExtendWith({PostgresExtension.class, S3Extension.class, TossExtension.class})
class MoneyInvariantsTest {

    enum Path { RECEIVED, AUTO_CONFIRMED, SELLER_CANCELED, DEADLINE_MISSED, DISPUTE_REFUND, DISPUTE_PARTIAL, DISPUTE_RELEASE,
        STILL_IN_ESCROW }

    final TossConfirmHandler orders = new TossConfirmHandler();
    final AdminApiHandler admin = new AdminApiHandler();

    @Test
    void everyOrdersMoneyAddsUpWithWhatTossMoved(DataSource ds, TossEmulator toss) throws Exception {
        long seed = 20261202L;
        Random random = new Random(seed);
        List<String> tossOrders = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            Path path = Path.values()[i < Path.values().length ? i : random.nextInt(Path.values().length)];
            long price = 50_000 + random.nextInt(200) * 1_000L;
            long article = Marketplace.articleOnSale("seller-" + (i % 3), price);
            String buyer = "buyer-" + i;
            var held = ApiCall.as(buyer).post("/orders", "{\"articleId\":" + article + ",\"guestName\":\"구매자\"}").invoke(orders);
            String orderId = held.json().get("orderId").asText();
            long id = held.json().get("id").asLong();
            String key = toss.checkout(orderId, price, TossEmulator.Method.CARD);
            ApiCall.as(buyer).post("/payments/confirm", "{\"paymentKey\":\"" + key + "\",\"orderId\":\"" + orderId
                    + "\",\"amount\":" + price + "}").invoke(orders);
            tossOrders.add(orderId);
            String seller = "seller-" + (i % 3);
            switch (path) {
                case RECEIVED -> {
                    post(seller, "/orders/{id}/transfer", id, "{}");
                    post(buyer, "/orders/{id}/receive", id, null);
                }
                case AUTO_CONFIRMED -> {
                    post(seller, "/orders/{id}/transfer", id, "{}");
                    execute(ds, "update orders set auto_confirm_at = now() - interval '1 second' where id = " + id);
                }
                case SELLER_CANCELED -> post(seller, "/orders/{id}/cancel", id, "{\"reason\":\"사정\"}");
                case DEADLINE_MISSED -> execute(ds, "update orders set transfer_deadline = now() - interval '1 second' where id = " + id);
                case DISPUTE_REFUND, DISPUTE_PARTIAL, DISPUTE_RELEASE -> {
                    if (random.nextBoolean()) {
                        post(seller, "/orders/{id}/transfer", id, "{}");
                    }
                    long dispute = post(buyer, "/orders/{id}/disputes", id,
                            "{\"reason\":\"OTHER\",\"description\":\"확인 부탁\"}").json().get("id").asLong();
                    String body = switch (path) {
                        case DISPUTE_REFUND -> "{\"outcome\":\"REFUND\",\"note\":\"환불\"}";
                        case DISPUTE_PARTIAL -> "{\"outcome\":\"PARTIAL_REFUND\",\"amount\":" + (1 + random.nextInt((int) price - 1))
                                + ",\"note\":\"부분 환불\"}";
                        default -> "{\"outcome\":\"RELEASE\",\"note\":\"정산\"}";
                    };
                    var resolved = ApiCall.asAdmin("ops").post("/admin/disputes/{id}/resolve", body).path("id", dispute).invoke(admin);
                    assertThat(resolved.status()).as(resolved.raw()).isEqualTo(200);
                }
                case STILL_IN_ESCROW -> { }
            }
        }
        new AfterPaymentMaintenance(Database::dataSource, Lazy.of(MoneyInvariantsTest::tossClient), OrderPolicy.DEFAULT,
                Clock.systemUTC()).run(dev.noshowping.lambda.Deadline.NONE);
        execute(ds, "update merchant set verified_at = now()");
        toss.payouts().setBalance(100_000_000);
        // the stays are weeks ahead: the payout run is asked on a day after every check-out
        PayoutRun payouts = new PayoutRun(Database::dataSource,
                Lazy.of(() -> TossPayoutClient.from(Environment.current(), Secrets::get)),
                Lazy.of(() -> FieldCipher.from(Environment.current(), Secrets::get)),
                Clock.offset(Clock.systemUTC(), Duration.ofDays(90)));
        payouts.run();
        toss.payouts().completePayouts();
        payouts.run();

        assertThat(rows(ds, "select origin_order_id || ': ' || violation from money_violation")).as("seed " + seed).isEmpty();
        assertThat(rows(ds, "select payout_id || ': ' || violation from payout_violation")).as("seed " + seed).isEmpty();
        // every order: charged = refunded + settled gross + still in escrow, and only open orders hold money
        assertThat(number(ds, "select count(*) from order_money where charged <> refunded + settled_gross + in_escrow")).isZero();
        assertThat(number(ds, "select count(*) from order_money where in_escrow > 0 and status not in ('PAID', 'TRANSFERRED', 'DISPUTED', 'REFUNDING')"))
                .isZero();
        // what we recorded is what Toss moved: charges, refunds and payouts, order by order
        long refunded = 0;
        for (String orderId : tossOrders) {
            assertThat(toss.charges(orderId)).as(orderId + " charged once").isEqualTo(1);
            refunded += toss.refundedAmount(orderId);
            assertThat(toss.refundedAmount(orderId)).as(orderId + " refunded as recorded")
                    .isEqualTo(number(ds, "select refunded from order_money where origin_order_id = '" + orderId + "'"));
        }
        long charged = number(ds, "select sum(charged) from order_money");
        assertThat(number(ds, "select sum(refunded) from order_money")).isEqualTo(refunded);
        long paidOut = toss.payouts().payouts().stream().filter(p -> p.status().equals("COMPLETED")).mapToLong(p -> p.amount()).sum();
        assertThat(paidOut).as("paid out = the net of every settlement, once")
                .isEqualTo(number(ds, "select coalesce(sum(net), 0) from settlement"))
                .isEqualTo(number(ds, "select coalesce(sum(amount), 0) from payout where status = 'COMPLETED'"));
        assertThat(charged).as("charged = refunded + fee + net + escrow")
                .isEqualTo(refunded + number(ds, "select coalesce(sum(fee), 0) + coalesce(sum(net), 0) from settlement")
                        + number(ds, "select sum(in_escrow) from order_money"));
        assertThat(number(ds, "select count(*) from settlement s join orders o on o.id = s.order_id "
                + "where o.status not in ('COMPLETED', 'PARTIALLY_REFUNDED')")).as("nothing settled for a refunded or open order").isZero();
    }

    ApiCall.Reply post(String who, String path, long id, String body) {
        var reply = ApiCall.as(who).post(path, body).path("id", id).invoke(orders);
        assertThat(reply.status()).as(path + " " + reply.raw()).isLessThan(300);
        return reply;
    }

    static TossClient tossClient() {
        return TossClient.from(Environment.current(), arn -> {
            throw new AssertionError("no secrets in tests");
        });
    }

    private static void execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); var s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private static long number(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> rows(DataSource ds, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
