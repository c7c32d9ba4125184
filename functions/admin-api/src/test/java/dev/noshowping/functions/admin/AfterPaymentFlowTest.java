package dev.noshowping.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.db.Database;
import dev.noshowping.emulator.toss.TossEmulator;
import dev.noshowping.functions.payments.TossConfirmHandler;
import dev.noshowping.lambda.Lazy;
import dev.noshowping.order.AfterPaymentMaintenance;
import dev.noshowping.order.OrderPolicy;
import dev.noshowping.payment.TossClient;
import dev.noshowping.testkit.ApiCall;
import dev.noshowping.testkit.Marketplace;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.Rows;
import dev.noshowping.testkit.S3Extension;
import dev.noshowping.testkit.TestDatabase;
import dev.noshowping.testkit.TossExtension;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The order's life after the payment through the orders and admin APIs and the maintenance chores,
 * against PostgreSQL and the Toss emulator: transfer, receive, auto-confirm, the deadline refund,
 * disputes and their resolution, the races between them, and the money adding up after each.
 */
@ExtendWith({PostgresExtension.class, S3Extension.class, TossExtension.class})
class AfterPaymentFlowTest {

    static final long PRICE = 200_000;

    final TossConfirmHandler orders = new TossConfirmHandler();
    final AdminApiHandler admin = new AdminApiHandler();
    DataSource ds;
    TossEmulator toss;
    long article;

    @BeforeEach
    void articleOnSale(DataSource ds, TossEmulator toss) {
        this.ds = ds;
        this.toss = toss;
        article = Marketplace.articleOnSale("seller-1", PRICE);
    }

    /** A card purchase by buyer-1, paid: its order id and Toss orderId. */
    record Paid(long id, String orderId) {
    }

    Paid paid() {
        var held = ApiCall.as("buyer-1").post("/orders", "{\"articleId\":" + article + ",\"guestName\":\"김민수\"}").invoke(orders);
        assertThat(held.status()).as(held.raw()).isEqualTo(201);
        String orderId = held.json().get("orderId").asText();
        String paymentKey = toss.checkout(orderId, PRICE, TossEmulator.Method.CARD);
        var paid = ApiCall.as("buyer-1").post("/payments/confirm",
                "{\"paymentKey\":\"" + paymentKey + "\",\"orderId\":\"" + orderId + "\",\"amount\":" + PRICE + "}").invoke(orders);
        assertThat(paid.json().get("status").asText()).as(paid.raw()).isEqualTo("PAID");
        return new Paid(paid.json().get("id").asLong(), orderId);
    }

    ApiCall.Reply post(String who, String path, long id, String body) {
        return ApiCall.as(who).post(path, body).path("id", id).invoke(orders);
    }

    AfterPaymentMaintenance maintenance() {
        return new AfterPaymentMaintenance(Database::dataSource, Lazy.of(AfterPaymentFlowTest::tossClient),
                OrderPolicy.DEFAULT, Clock.systemUTC());
    }

    static TossClient tossClient() {
        return TossClient.from(dev.noshowping.config.Environment.current(), arn -> {
            throw new AssertionError("no secrets in tests");
        });
    }

    @Test
    void payTransferReceiveSettlesTheSellersMoneyAfterTheStay() throws Exception {
        Paid order = paid();
        var seen = ApiCall.as("seller-1").get("/orders/{id}").path("id", order.id()).invoke(orders).json();
        assertThat(seen.at("/guest/name").asText()).as("the seller sees the guest once paid").isEqualTo("김민수");
        assertThat(seen.get("payment").isNull()).as("but never the buyer's payment").isTrue();
        assertThat(seen.at("/timeline/transferDeadline").asText()).isNotEmpty();

        assertThat(post("buyer-1", "/orders/{id}/transfer", order.id(), "{}").status()).as("only the seller transfers").isEqualTo(403);
        assertThat(post("stranger", "/orders/{id}/transfer", order.id(), "{}").status()).isEqualTo(404);
        var early = post("buyer-1", "/orders/{id}/receive", order.id(), null);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().get("state").asText()).as("the refusal names the state").isEqualTo("PAID");

        var transferred = post("seller-1", "/orders/{id}/transfer", order.id(), "{}");
        assertThat(transferred.status()).as(transferred.raw()).isEqualTo(200);
        assertThat(transferred.json().get("status").asText()).isEqualTo("TRANSFERRED");
        assertThat(transferred.json().at("/timeline/autoConfirmAt").asText()).isNotEmpty();
        assertThat(count("outbox where topic = 'order.transferred'")).isEqualTo(1);

        var received = post("buyer-1", "/orders/{id}/receive", order.id(), null);
        assertThat(received.status()).as(received.raw()).isEqualTo(200);
        assertThat(received.json().get("status").asText()).isEqualTo("COMPLETED");
        assertThat(scalar("select gross || ' ' || fee || ' ' || net || ' ' || (payable_on = a.check_out + 1)"
                + " from settlement s join orders o on o.id = s.order_id join article a on a.id = o.article_id"))
                .isEqualTo(PRICE + " 10000 190000 true");
        assertThat(post("buyer-1", "/orders/{id}/receive", order.id(), null).status()).as("once").isEqualTo(409);
        assertThat(post("buyer-1", "/orders/{id}/disputes", order.id(),
                "{\"reason\":\"OTHER\",\"description\":\"늦었지만\"}").json().get("state").asText()).isEqualTo("COMPLETED");
        assertMoneyAddsUp();
    }

    @Test
    void theBuyerListsPurchasesAndTheSellerSalesInPages() throws Exception {
        Paid order = paid();
        var mine = ApiCall.as("buyer-1").get("/orders").query("limit", 1).invoke(orders);
        assertThat(mine.status()).as(mine.raw()).isEqualTo(200);
        assertThat(mine.json().at("/items/0/id").asLong()).isEqualTo(order.id());
        var sales = ApiCall.as("seller-1").get("/orders").query("as", "seller").invoke(orders);
        assertThat(sales.json().at("/items/0/guest/name").asText()).isEqualTo("김민수");
        assertThat(sales.json().at("/items/0/payment").isNull()).isTrue();
        assertThat(ApiCall.as("stranger").get("/orders").query("as", "seller").invoke(orders).json().get("items")).isEmpty();
        assertThat(ApiCall.as("buyer-1").get("/orders").query("as", "owner").invoke(orders).firstErrorField()).isEqualTo("as");
    }

    @Test
    void noDisputeByTheAutoConfirmTimeCompletesTheOrder() throws Exception {
        Paid order = paid();
        post("seller-1", "/orders/{id}/transfer", order.id(), "{}");
        assertThat(maintenance().run(dev.noshowping.lambda.Deadline.NONE).get("autoConfirmed")).as("not yet due").isEqualTo(0);
        execute("update orders set auto_confirm_at = now() - interval '1 second' where id = " + order.id());
        assertThat(maintenance().run(dev.noshowping.lambda.Deadline.NONE).get("autoConfirmed")).isEqualTo(1);
        assertThat(status(order.id())).isEqualTo("COMPLETED");
        assertThat(count("settlement")).isEqualTo(1);
        assertMoneyAddsUp();
    }

    @Test
    void aSellerWhoMissesTheDeadlineRefundsTheBuyerInFullAndLosesTheArticle() throws Exception {
        Paid order = paid();
        execute("update orders set transfer_deadline = now() - interval '1 second' where id = " + order.id());
        var summary = maintenance().run(dev.noshowping.lambda.Deadline.NONE);
        assertThat(summary.get("transferDeadlinesMissed")).isEqualTo(1);
        assertThat(status(order.id())).isEqualTo("REFUNDED");
        assertThat(toss.refundedAmount(order.orderId())).isEqualTo(PRICE);
        assertThat(scalar("select status from article where id = " + article)).as("out of the catalogue").isEqualTo("WITHDRAWN");
        assertThat(scalar("select payload->>'reason' from outbox where topic = 'order.refunding'")).isEqualTo("TRANSFER_DEADLINE_MISSED");
        assertThat(post("seller-1", "/orders/{id}/transfer", order.id(), "{}").json().get("state").asText()).isEqualTo("REFUNDED");
        maintenance().run(dev.noshowping.lambda.Deadline.NONE);
        assertThat(toss.cancelCalls(order.orderId())).as("refunded once").isEqualTo(1);
        assertMoneyAddsUp();
    }

    @RepeatedTest(3)
    void theSellersTransferAndTheDeadlineRefundRaceAndExactlyOneWins() throws Exception {
        Paid order = paid();
        execute("update orders set transfer_deadline = now() - interval '1 second' where id = " + order.id());
        var results = race(
                () -> post("seller-1", "/orders/{id}/transfer", order.id(), "{}").status(),
                () -> (Integer) maintenance().run(dev.noshowping.lambda.Deadline.NONE).get("transferDeadlinesMissed"));
        boolean transferred = results.get(0) == 200;
        boolean refunded = results.get(1) == 1;
        assertThat(transferred ^ refunded).as("exactly one of " + results).isTrue();
        assertThat(status(order.id())).isEqualTo(transferred ? "TRANSFERRED" : "REFUNDED");
        assertThat(toss.cancelCalls(order.orderId())).isEqualTo(refunded ? 1 : 0);
        assertMoneyAddsUp();
    }

    @RepeatedTest(3)
    void aDisputeAndTheAutoConfirmAtTheSameInstantHaveOneOutcome() throws Exception {
        Paid order = paid();
        post("seller-1", "/orders/{id}/transfer", order.id(), "{}");
        execute("update orders set auto_confirm_at = now() - interval '1 second' where id = " + order.id());
        var results = race(
                () -> post("buyer-1", "/orders/{id}/disputes", order.id(),
                        "{\"reason\":\"NAME_NOT_CHANGED\",\"description\":\"예약자 이름이 그대로예요\"}").status(),
                () -> (Integer) maintenance().run(dev.noshowping.lambda.Deadline.NONE).get("autoConfirmed"));
        boolean disputed = results.get(0) == 201;
        boolean confirmed = results.get(1) == 1;
        assertThat(disputed ^ confirmed).as("exactly one of " + results).isTrue();
        assertThat(status(order.id())).isEqualTo(disputed ? "DISPUTED" : "COMPLETED");
        assertThat(count("settlement")).isEqualTo(confirmed ? 1 : 0);
        assertThat(count("dispute")).isEqualTo(disputed ? 1 : 0);
        assertMoneyAddsUp();
    }

    @Test
    void staffResolveADisputeWithAPartialRefundAndTheRestIsTheSellers() throws Exception {
        Paid order = paid();
        var opened = post("buyer-1", "/orders/{id}/disputes", order.id(),
                "{\"reason\":\"NOT_AS_DESCRIBED\",\"description\":\"조식이 빠져 있어요\"}");
        assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
        long dispute = opened.json().get("id").asLong();
        assertThat(count("outbox where topic = 'order.disputed'")).isEqualTo(1);
        assertThat(post("seller-1", "/orders/{id}/transfer", order.id(), "{}").json().get("state").asText())
                .as("a disputed order is off the clock").isEqualTo("DISPUTED");

        var queue = ApiCall.as("buyer-1").get("/admin/disputes").invoke(admin);
        assertThat(queue.status()).as("staff only").isEqualTo(403);
        queue = ApiCall.asAdmin("ops").get("/admin/disputes").invoke(admin);
        assertThat(queue.status()).as(queue.raw()).isEqualTo(200);
        assertThat(queue.json().at("/items/0/id").asLong()).isEqualTo(dispute);

        String resolve = "{\"outcome\":\"PARTIAL_REFUND\",\"amount\":50000,\"note\":\"조식 금액 환불\"}";
        assertThat(ApiCall.as("seller-1").post("/admin/disputes/{id}/resolve", resolve).path("id", dispute).invoke(admin)
                .status()).isEqualTo(403);
        var tooMuch = ApiCall.asAdmin("ops").post("/admin/disputes/{id}/resolve",
                "{\"outcome\":\"PARTIAL_REFUND\",\"amount\":" + PRICE + ",\"note\":\"x\"}").path("id", dispute).invoke(admin);
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.firstErrorField()).isEqualTo("amount");

        var resolved = ApiCall.asAdmin("ops").post("/admin/disputes/{id}/resolve", resolve).path("id", dispute).invoke(admin);
        assertThat(resolved.status()).as(resolved.raw()).isEqualTo(200);
        assertThat(resolved.json().at("/order/status").asText()).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(resolved.json().get("refund").asText()).isEqualTo("DONE");
        assertThat(toss.refundedAmount(order.orderId())).isEqualTo(50_000);
        assertThat(scalar("select gross from settlement")).isEqualTo(String.valueOf(PRICE - 50_000));
        var again = ApiCall.asAdmin("ops").post("/admin/disputes/{id}/resolve", resolve).path("id", dispute).invoke(admin);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("state").asText()).isEqualTo("RESOLVED");
        assertThat(scalar("select admin_subject || ' ' || kind || ' ' || target_id || ' ' || reason from admin_action"))
                .as("logged once, with the outcome and the note").isEqualTo("ops DISPUTE_RESOLVED " + order.id()
                        + " PARTIAL_REFUND 50000: 조식 금액 환불");
        assertMoneyAddsUp();
    }

    @Test
    void aDisputeReleasedToTheSellerCompletesTheOrder() throws Exception {
        Paid order = paid();
        long dispute = post("buyer-1", "/orders/{id}/disputes", order.id(),
                "{\"reason\":\"OTHER\",\"description\":\"확인 부탁드려요\"}").json().get("id").asLong();
        var resolved = ApiCall.asAdmin("ops").post("/admin/disputes/{id}/resolve",
                "{\"outcome\":\"RELEASE\",\"note\":\"예약 확인됨\"}").path("id", dispute).invoke(admin);
        assertThat(resolved.status()).as(resolved.raw()).isEqualTo(200);
        assertThat(resolved.json().at("/order/status").asText()).isEqualTo("COMPLETED");
        assertThat(toss.cancelCalls(order.orderId())).isZero();
        assertThat(count("settlement")).isEqualTo(1);
        assertMoneyAddsUp();
    }

    @Test
    void staffVerifyAMerchantOnceAndOthersAreRefused() throws Exception {
        long merchant = Long.parseLong(scalar("select min(id) from merchant"));
        String note = "{\"reason\":\"사업자등록증 확인\"}";
        assertThat(ApiCall.as("seller-1").post("/admin/merchants/{id}/verify", note).path("id", merchant).invoke(admin)
                .status()).isEqualTo(403);
        var verified = ApiCall.asAdmin("ops").post("/admin/merchants/{id}/verify", note).path("id", merchant).invoke(admin);
        assertThat(verified.status()).as(verified.raw()).isEqualTo(200);
        assertThat(verified.json().get("verified").asBoolean()).isTrue();
        String at = scalar("select verified_at::text from merchant where id = " + merchant);
        ApiCall.asAdmin("ops").post("/admin/merchants/{id}/verify", note).path("id", merchant).invoke(admin);
        assertThat(scalar("select verified_at::text from merchant where id = " + merchant)).as("the first time stands").isEqualTo(at);
        assertThat(ApiCall.asAdmin("ops").post("/admin/merchants/{id}/verify", note).path("id", 987654).invoke(admin)
                .status()).isEqualTo(404);
    }

    @Test
    void aRefundTossRefusesStaysOwedIsFlaggedAndIsRetriedUnderANewKey() throws Exception {
        Paid order = paid();
        toss.refuseCancels(1);
        var owed = post("seller-1", "/orders/{id}/cancel", order.id(), "{\"reason\":\"숙소 사정\"}");
        assertThat(owed.status()).as(owed.raw()).isEqualTo(202);
        assertThat(owed.json().get("status").asText()).as("the decision stands").isEqualTo("REFUNDING");
        assertThat(scalar("select attempt || ' ' || idempotency_key from refund"))
                .isEqualTo("2 refund-" + order.orderId() + "-2");
        assertThat(scalar("select payload->>'code' from outbox where topic = 'refund.refused'")).isEqualTo("NOT_CANCELABLE_PAYMENT");
        assertThat(post("seller-1", "/orders/{id}/transfer", order.id(), "{}").json().get("state").asText())
                .as("no transfer of a booking whose money is going back").isEqualTo("REFUNDING");
        assertThat(maintenance().run(dev.noshowping.lambda.Deadline.NONE).get("refundsRetriedDone")).as("not before a minute").isEqualTo(0);

        try (Connection c = TestDatabase.get().ownerDataSource().getConnection(); var s = c.createStatement()) {
            s.execute("set session_replication_role = replica");   // the updated_at trigger off: a minute later
            s.executeUpdate("update refund set updated_at = now() - interval '2 minutes'");
            s.execute("set session_replication_role = origin");
        }
        assertThat(maintenance().run(dev.noshowping.lambda.Deadline.NONE).get("refundsRetriedDone")).isEqualTo(1);
        assertThat(status(order.id())).isEqualTo("REFUNDED");
        assertThat(toss.cancelCalls(order.orderId())).as("the refusal and the new key's refund").isEqualTo(2);
        assertThat(toss.refundedAmount(order.orderId())).isEqualTo(PRICE);
        assertMoneyAddsUp();
    }

    @Test
    void aStayAboutToBeginLeavesTheCatalogueAndCannotBeBought() throws Exception {
        // the latest check-in whose stay begins within the cutoff: today, or (between midnight and the
        // cutoff before check-in time in Korea) yesterday; "today" alone is still open after midnight
        java.time.LocalDate closed = OrderPolicy.from(dev.noshowping.config.Environment.current())
                .lastClosedCheckIn(java.time.Instant.now());
        execute("update article set check_in = '" + closed + "', check_out = '" + closed.plusDays(1) + "' where id = " + article);
        var held = ApiCall.as("buyer-1").post("/orders", "{\"articleId\":" + article + ",\"guestName\":\"김민수\"}").invoke(orders);
        assertThat(held.status()).as(held.raw()).isEqualTo(409);
        assertThat(held.json().get("state").asText()).isEqualTo("EXPIRED");
        assertThat(count("orders")).isZero();
        assertThat(maintenance().run(dev.noshowping.lambda.Deadline.NONE).get("articlesExpired")).isEqualTo(1);
        assertThat(scalar("select status from article where id = " + article)).isEqualTo("EXPIRED");
    }

    @Test
    void badInputAfterThePaymentIs400NamingTheFieldAndChangesNothing() throws Exception {
        Paid order = paid();
        var noReason = post("buyer-1", "/orders/{id}/disputes", order.id(), "{\"description\":\"x\"}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.firstErrorField()).isEqualTo("reason");
        assertThat(post("buyer-1", "/orders/{id}/disputes", order.id(), "{\"reason\":\"ANGRY\",\"description\":\"x\"}")
                .firstErrorField()).isEqualTo("reason");
        var tooMany = post("seller-1", "/orders/{id}/transfer", order.id(), "{\"screenshotIds\":[1,2,3,4,5,6]}");
        assertThat(tooMany.firstErrorField()).isEqualTo("screenshotIds");
        var notMine = post("seller-1", "/orders/{id}/transfer", order.id(), "{\"screenshotIds\":[987654]}");
        assertThat(notMine.status()).isEqualTo(400);
        assertThat(notMine.firstErrorField()).isEqualTo("screenshotIds");
        assertThat(status(order.id())).as("the refused transfer left nothing behind").isEqualTo("PAID");
        assertThat(post("buyer-1", "/orders/{id}/receive", 987654, null).status()).isEqualTo(404);
        var noNote = ApiCall.asAdmin("ops").post("/admin/disputes/{id}/resolve", "{\"outcome\":\"REFUND\"}")
                .path("id", 1).invoke(admin);
        assertThat(noNote.status()).isEqualTo(400);
        assertThat(noNote.firstErrorField()).isEqualTo("note");
        assertThat(count("dispute")).isZero();
    }

    /** The view ops query: no order may break the money rules. */
    void assertMoneyAddsUp() throws SQLException {
        assertThat(scalar("select count(*) || ' ' || coalesce(string_agg(origin_order_id || ': ' || violation, '; '), '')"
                + " from money_violation")).isEqualTo("0 ");
        assertThat(scalar("select count(*) from order_money where charged <> refunded + settled_gross + in_escrow")).isEqualTo("0");
    }

    private static List<Integer> race(Callable<Integer> a, Callable<Integer> b) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(2)) {
            List<Future<Integer>> futures = new ArrayList<>();
            for (Callable<Integer> task : List.of(a, b)) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<Integer> out = new ArrayList<>();
            for (var f : futures) {
                out.add(f.get());
            }
            return out;
        }
    }

    private String status(long id) throws SQLException {
        return scalar("select status from orders where id = " + id);
    }

    private int count(String tableAndWhere) throws SQLException {
        return Integer.parseInt(scalar("select count(*) from " + tableAndWhere));
    }

    private void execute(String sql) throws SQLException {
        Rows.execute(ds, sql);
    }

    private String scalar(String sql) throws SQLException {
        return Rows.text(ds, sql);
    }
}
