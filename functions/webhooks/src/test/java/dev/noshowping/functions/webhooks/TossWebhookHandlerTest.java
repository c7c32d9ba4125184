package dev.noshowping.functions.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.amazonaws.services.lambda.runtime.tests.annotations.Events;
import dev.noshowping.config.Environment;
import dev.noshowping.db.Database;
import dev.noshowping.emulator.toss.TossEmulator;
import dev.noshowping.identity.Caller;
import dev.noshowping.identity.Role;
import dev.noshowping.json.Json;
import dev.noshowping.lambda.Lazy;
import dev.noshowping.order.ConfirmPayment;
import dev.noshowping.order.HoldArticle;
import dev.noshowping.order.NewOrder;
import dev.noshowping.order.OrderPolicy;
import dev.noshowping.order.PaymentConfirmation;
import dev.noshowping.order.PaymentMaintenance;
import dev.noshowping.payment.TossClient;
import dev.noshowping.testkit.ApiCall;
import dev.noshowping.testkit.HandlerEndpoint;
import dev.noshowping.testkit.Marketplace;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.S3Extension;
import dev.noshowping.testkit.TossExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;

/** Toss's webhooks over real HTTP from the emulator: verified, stored once, applied forward only. */
@ExtendWith({PostgresExtension.class, S3Extension.class, TossExtension.class})
class TossWebhookHandlerTest {

    static final long PRICE = 180_000;

    final TossWebhookHandler handler = new TossWebhookHandler();
    HandlerEndpoint endpoint;
    DataSource ds;
    TossEmulator toss;
    long article;

    @BeforeEach
    void setUp(DataSource ds, TossEmulator toss) {
        this.ds = ds;
        this.toss = toss;
        endpoint = HandlerEndpoint.serve(handler, "POST", "/webhooks/toss");
        toss.webhookUrl(endpoint.url("/webhooks/toss"));
        article = Marketplace.articleOnSale("seller-1", PRICE);
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    static TossClient tossClient() {
        return TossClient.from(Environment.current(), arn -> {
            throw new AssertionError("no secrets in tests");
        });
    }

    /** A held and confirmed order; returns its Toss orderId. */
    String confirmed(TossEmulator.Method method) {
        Caller buyer = new Caller("buyer-1", Role.USER);
        String orderId = new HoldArticle(Database::dataSource, dev.noshowping.order.HoldLimits.DEFAULT, OrderPolicy.DEFAULT, java.time.Clock.systemUTC())
                .hold(buyer, new NewOrder(article, "김민수", null)).orderId();
        String paymentKey = toss.checkout(orderId, PRICE, method);
        new ConfirmPayment(Database::dataSource, Lazy.of(TossWebhookHandlerTest::tossClient), OrderPolicy.DEFAULT)
                .confirm(buyer, new PaymentConfirmation(paymentKey, orderId, PRICE), dev.noshowping.lambda.Deadline.NONE);
        // Toss sends a virtual account's issue callback in the background: each test starts after it landed
        assertThat(toss.awaitWebhooks(java.time.Duration.ofSeconds(10))).isTrue();
        return orderId;
    }

    @Test
    void aDepositCallbackWithTheRightSecretPaysTheOrderOnce() throws Exception {
        String orderId = confirmed(TossEmulator.Method.VIRTUAL_ACCOUNT);
        assertThat(status(orderId)).isEqualTo("WAITING_FOR_DEPOSIT");

        assertThat(toss.deposit(orderId)).isTrue();
        var delivery = toss.webhookDeliveries().getLast();
        assertThat(delivery.eventType()).isEqualTo("DEPOSIT_CALLBACK");
        assertThat(delivery.status()).isEqualTo(200);
        assertThat(status(orderId)).isEqualTo("PAID");
        assertThat(scalar("select status from article where id = " + article)).isEqualTo("SOLD");
        assertThat(count("outbox where topic like 'order.paid.%'")).isEqualTo(2);

        // Toss retries: the same delivery ten more times changes nothing
        for (int i = 0; i < 10; i++) {
            var replay = ApiCall.anonymous().post("/webhooks/toss", delivery.body())
                    .header("tosspayments-webhook-transmission-id", "replayed-" + (i % 2)).invoke(handler);
            assertThat(replay.status()).isEqualTo(200);
        }
        assertThat(count("outbox where topic like 'order.paid.%'")).isEqualTo(2);
        assertThat(status(orderId)).isEqualTo("PAID");
    }

    @Test
    void theSameEventIsStoredOnceWhateverTransmissionIdItCarries() throws Exception {
        String orderId = confirmed(TossEmulator.Method.VIRTUAL_ACCOUNT);
        toss.deposit(orderId);
        var delivery = toss.webhookDeliveries().getLast();
        int before = count("payment_event");
        for (int i = 0; i < 10; i++) {
            assertThat(ApiCall.anonymous().post("/webhooks/toss", delivery.body())
                    .header("tosspayments-webhook-transmission-id", "tx-" + i).invoke(handler).status()).isEqualTo(200);
        }
        assertThat(count("payment_event")).as("the emulator's delivery stored it; the ten repeats add nothing")
                .isEqualTo(before);
    }

    @Test
    void aSpoofedDepositCallbackIsRejectedAndWritesNothing() throws Exception {
        String orderId = confirmed(TossEmulator.Method.VIRTUAL_ACCOUNT);
        int before = count("payment_event");
        // stored before the secret was checked, each guess (a new body) added a row (found by RouteFuzzTest)
        for (int i = 0; i < 5; i++) {
            String spoof = Json.write(java.util.Map.of("createdAt", "2026-11-25T10:00:00.000000", "secret", "guessed-" + i,
                    "status", "DONE", "transactionKey", "tx-spoof", "orderId", orderId));
            var reply = ApiCall.anonymous().post("/webhooks/toss", spoof).invoke(handler);
            assertThat(reply.status()).isEqualTo(403);
        }
        assertThat(status(orderId)).isEqualTo("WAITING_FOR_DEPOSIT");
        assertThat(count("payment_event")).as("the refusals are logged, not stored").isEqualTo(before);
    }

    @Test
    void anOlderStatusEventNeverMovesANewerStateBack() throws Exception {
        String orderId = confirmed(TossEmulator.Method.VIRTUAL_ACCOUNT);
        var waiting = Json.MAPPER.createObjectNode().put("eventType", "PAYMENT_STATUS_CHANGED").put("createdAt", "2026-11-25T09:00:00.000000");
        waiting.set("data", tossClient().byOrderId(orderId).orElseThrow().raw());
        toss.deposit(orderId);
        assertThat(status(orderId)).isEqualTo("PAID");

        var late = ApiCall.anonymous().post("/webhooks/toss", Json.write(waiting)).invoke(handler);
        assertThat(late.status()).isEqualTo(200);
        assertThat(status(orderId)).isEqualTo("PAID");
    }

    @Test
    void aStatusChangeSettlesAConfirmWhoseAnswerWasLost() throws Exception {
        toss.inject(TossEmulator.Fault.ANSWER_LOST, 3);
        String orderId = confirmed(TossEmulator.Method.CARD);
        assertThat(status(orderId)).isEqualTo("CONFIRMING");
        toss.sendPaymentStatusChanged(orderId);
        assertThat(toss.webhookDeliveries().getLast().status()).isEqualTo(200);
        assertThat(status(orderId)).isEqualTo("PAID");
        assertThat(toss.charges(orderId)).isEqualTo(1);
    }

    @Test
    void aStoredEventKeepsNoRefundAccountInClear() throws Exception {
        Caller buyer = new Caller("buyer-1", Role.USER);
        String orderId = new HoldArticle(Database::dataSource, dev.noshowping.order.HoldLimits.DEFAULT, OrderPolicy.DEFAULT, java.time.Clock.systemUTC())
                .hold(buyer, new NewOrder(article, "김민수", null)).orderId();
        String paymentKey = toss.checkout(orderId, PRICE, TossEmulator.Method.VIRTUAL_ACCOUNT);
        toss.widgetRefundAccount(paymentKey, "088", "110987654321", "김토스");
        new ConfirmPayment(Database::dataSource, Lazy.of(TossWebhookHandlerTest::tossClient), OrderPolicy.DEFAULT)
                .confirm(buyer, new PaymentConfirmation(paymentKey, orderId, PRICE), dev.noshowping.lambda.Deadline.NONE);
        assertThat(toss.awaitWebhooks(java.time.Duration.ofSeconds(10))).isTrue();

        toss.sendPaymentStatusChanged(orderId);   // the whole Payment object, refund account included

        assertThat(toss.webhookDeliveries().getLast().body()).contains("110987654321");
        assertThat(count("payment_event where event_type = 'PAYMENT_STATUS_CHANGED'")).isEqualTo(1);
        String stored = scalar("select string_agg(payload::text, ' ') from payment_event");
        assertThat(stored).contains("********4321").contains("김**")
                .doesNotContain("110987654321").doesNotContain("김토스");
    }

    @Test
    void anUnexpiredAccountPastOurDueDateIsSettledAsTossSeesItAndADepositAfterExpiryIsRefused() throws Exception {
        String orderId = confirmed(TossEmulator.Method.VIRTUAL_ACCOUNT);
        // the issue-time callback succeeded, so moving the clock retries nothing and the schedule,
        // not a webhook, meets the expiry
        assertThat(toss.webhookDeliveries()).extracting(d -> d.status()).containsOnly(200);
        toss.advance(java.time.Duration.ofDays(4));
        assertThat(toss.awaitWebhooks(java.time.Duration.ofSeconds(10))).isTrue();
        assertThat(toss.deposit(orderId)).as("Toss refuses a deposit to an expired account").isFalse();
        try (Connection c = ds.getConnection()) {
            c.createStatement().executeUpdate("update orders set deposit_due_by = now() - interval '1 second'");
        }
        var summary = new PaymentMaintenance(Database::dataSource, Lazy.of(TossWebhookHandlerTest::tossClient), OrderPolicy.DEFAULT).run(dev.noshowping.lambda.Deadline.NONE);
        assertThat(summary).containsEntry("virtualAccountsSettled", 1);
        assertThat(status(orderId)).isEqualTo("EXPIRED");
        assertThat(scalar("select status from article where id = " + article)).isEqualTo("ON_SALE");
    }

    @Test
    void forEventsNamingNoOrderOfOursNothingIsStoredHoweverManyAndWhateverTheirHeaders() throws Exception {
        // anyone can post here: forty events with random transmission ids for an unknown order
        for (int i = 0; i < 40; i++) {
            String body = "{\"eventType\":\"PAYMENT_STATUS_CHANGED\",\"createdAt\":\"2026-11-25T09:00:00.000000\","
                    + "\"data\":{\"paymentKey\":\"pk_" + i + "\",\"orderId\":\"ord_nobody_knows\",\"status\":\"DONE\"}}";
            var reply = ApiCall.anonymous().post("/webhooks/toss", body)
                    .header("tosspayments-webhook-transmission-id", java.util.UUID.randomUUID().toString()).invoke(handler);
            assertThat(reply.status()).isEqualTo(200);
        }
        assertThat(count("payment_event")).isZero();
    }

    @Test
    void aBodyNoTossEventNeedsIsRefusedBeforeItIsRead() throws Exception {
        String orderId = confirmed(TossEmulator.Method.VIRTUAL_ACCOUNT);
        int before = count("payment_event");
        String padding = "x".repeat(TossWebhookHandler.MAX_BODY_CHARS);
        var reply = ApiCall.anonymous().post("/webhooks/toss", "{\"eventType\":\"PAYMENT_STATUS_CHANGED\",\"pad\":\""
                + padding + "\",\"data\":{\"orderId\":\"" + orderId + "\"}}").invoke(handler);
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(count("payment_event")).isEqualTo(before);
    }

    @Test
    void anEventNamingAnotherOrdersPaymentKeyNeverSettlesOurOrderWithIt() throws Exception {
        String paid = confirmed(TossEmulator.Method.CARD);
        String paidKey = scalar("select payment_key from payment");
        long second = Marketplace.articleOnSale("seller-1", PRICE);
        String held = new HoldArticle(Database::dataSource, dev.noshowping.order.HoldLimits.DEFAULT, OrderPolicy.DEFAULT, java.time.Clock.systemUTC())
                .hold(new Caller("buyer-2", Role.USER), new NewOrder(second, "이영희", null)).orderId();
        String forged = Json.write(java.util.Map.of("eventType", "PAYMENT_STATUS_CHANGED", "createdAt", "2026-11-25T09:00:00.000000",
                "data", java.util.Map.of("paymentKey", paidKey, "orderId", held, "status", "DONE", "totalAmount", PRICE)));
        var reply = ApiCall.anonymous().post("/webhooks/toss", forged).invoke(handler);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(status(held)).as("looked up by its own order id: Toss has no payment for it").isEqualTo("PENDING");
        assertThat(status(paid)).isEqualTo("PAID");
        assertThat(count("outbox where topic = 'payment.orphaned'")).isZero();
    }

    @Test
    void aPaymentWhoseAmountIsNotTheOrdersIsNeverApplied() throws Exception {
        long second = Marketplace.articleOnSale("seller-1", PRICE);
        String held = new HoldArticle(Database::dataSource, dev.noshowping.order.HoldLimits.DEFAULT, OrderPolicy.DEFAULT, java.time.Clock.systemUTC())
                .hold(new Caller("buyer-2", Role.USER), new NewOrder(second, "이영희", null)).orderId();
        // someone pays 1 000 won at Toss under our order id, bypassing our confirm
        String key = toss.checkout(held, 1_000, TossEmulator.Method.CARD);
        tossClient().confirm(key, held, 1_000, "confirm-forged-" + held);
        String forged = Json.write(java.util.Map.of("eventType", "PAYMENT_STATUS_CHANGED", "createdAt", "2026-11-25T09:00:00.000000",
                "data", java.util.Map.of("paymentKey", key, "orderId", held, "status", "DONE")));
        var reply = ApiCall.anonymous().post("/webhooks/toss", forged).invoke(handler);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("result").asText()).contains("refused");
        assertThat(status(held)).isEqualTo("PENDING");
        assertThat(count("payment_event where applied_at is null")).isEqualTo(1);
    }

    @ParameterizedTest
    @Events(type = APIGatewayV2HTTPEvent.class, events = {
        @Event("events/webhooks/payment-status-changed.json"),
        @Event("events/webhooks/deposit-callback.json")})
    void sampleEventsAreStoredAndAnswered(APIGatewayV2HTTPEvent event) {
        assertThat(ApiCall.invoke(handler, event).status()).isEqualTo(200);
    }

    @Test
    void malformedBodiesAre400() {
        assertThat(ApiCall.anonymous().post("/webhooks/toss", "{oops").invoke(handler).status()).isEqualTo(400);
        assertThat(ApiCall.anonymous().post("/webhooks/toss", "{\"eventType\":\"lower\"}").invoke(handler).status()).isEqualTo(400);
    }

    private String status(String orderId) throws SQLException {
        return scalar("select status from orders where origin_order_id = '" + orderId + "'");
    }

    private int count(String tableAndWhere) throws SQLException {
        return Integer.parseInt(scalar("select count(*) from " + tableAndWhere));
    }

    private String scalar(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
