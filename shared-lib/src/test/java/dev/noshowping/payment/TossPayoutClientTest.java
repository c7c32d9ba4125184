package dev.noshowping.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.noshowping.config.Environment;
import dev.noshowping.emulator.toss.TossEmulator;
import dev.noshowping.emulator.toss.TossEmulatorExtension;
import dev.noshowping.payment.payout.Balance;
import dev.noshowping.payment.payout.BankAccount;
import dev.noshowping.payment.payout.PayoutChanged;
import dev.noshowping.payment.payout.PayoutCipher;
import dev.noshowping.payment.payout.PayoutRequest;
import dev.noshowping.payment.payout.PayoutStatus;
import dev.noshowping.payment.payout.SellerRegistration;
import dev.noshowping.payment.payout.SellerStatus;
import dev.noshowping.payment.payout.TossPayout;
import dev.noshowping.payment.payout.TossPayoutClient;
import dev.noshowping.payment.payout.TossSeller;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The payout client against the Toss emulator's /v2 over a real socket, JWE both ways. */
@ExtendWith(TossEmulatorExtension.class)
class TossPayoutClientTest {

    private final TossPayoutClient client = new TossPayoutClient(TossEmulatorExtension.emulator().baseUrl(), TossEmulator.SECRET_KEY,
            TossEmulator.PAYOUT_SECURITY_KEY, Duration.ofMillis(700));

    /** A webhook receiver: what payout.changed deliveries brought, headers included. */
    record Hook(String body, String time, String signature) {
    }

    private final List<Hook> hooks = new CopyOnWriteArrayList<>();
    private HttpServer receiver;

    @BeforeEach
    void receiveWebhooks(TossEmulator toss) throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            try (exchange) {
                hooks.add(new Hook(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                        exchange.getRequestHeaders().getFirst("tosspayments-webhook-transmission-time"),
                        exchange.getRequestHeaders().getFirst("tosspayments-webhook-signature")));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        receiver.start();
        toss.webhookUrl("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void registersASellerAndPaysItWithinTheBalance(TossEmulator toss) {
        TossSeller seller = client.registerSeller(individual("ref-seller-pay", "11122233344"));
        assertThat(seller.id()).startsWith("seller_");
        assertThat(seller.refSellerId()).isEqualTo("ref-seller-pay");
        assertThat(seller.status()).isEqualTo(SellerStatus.PARTIALLY_APPROVED);
        assertThat(seller.status().payable()).isTrue();
        toss.payouts().setBalance(100_000, 5_000);

        List<TossPayout> payouts = client.requestPayouts(key(), List.of(
                PayoutRequest.express("ref-pay-1", seller.id(), 30_000, "노쇼핑정산"),
                PayoutRequest.express("ref-pay-2", seller.id(), 20_000, "노쇼핑정산")));

        assertThat(payouts).extracting(TossPayout::refPayoutId).containsExactly("ref-pay-1", "ref-pay-2");
        assertThat(payouts).allSatisfy(p -> {
            assertThat(p.status()).isEqualTo(PayoutStatus.REQUESTED);
            assertThat(p.destination()).isEqualTo(seller.id());
            assertThat(p.id()).isNotBlank();
            assertThat(p.failure()).isNull();
        });
        assertThat(payouts.getFirst().amount()).isEqualTo(30_000);
        assertThat(client.balance()).isEqualTo(new Balance(5_000, 50_000));
        assertThat(client.payout(payouts.get(1).id()).refPayoutId()).isEqualTo("ref-pay-2");
        assertThat(toss.payouts().payoutsTo(seller.id())).hasSize(2);
    }

    @Test
    void aLostAnswerIsReportedOnceAndThePayoutFoundByOurRef(TossEmulator toss) {
        TossSeller seller = client.registerSeller(individual("ref-seller-lost", "5550001"));
        toss.payouts().setBalance(1_000_000);
        client.requestPayouts(key(), List.of(PayoutRequest.express("ref-lost-1", seller.id(), 10_000, "정산")));
        List<PayoutRequest> later = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            later.add(PayoutRequest.express("ref-later-" + i, seller.id(), 1_000, "정산"));
        }
        client.requestPayouts(key(), later);
        String key = key();
        toss.payouts().loseAnswers(1);

        assertThatThrownBy(() -> client.requestPayouts(key, List.of(PayoutRequest.express("ref-lost-2", seller.id(), 7_000, "정산"))))
                .isInstanceOf(TossClient.Unanswered.class);
        assertThat(toss.payouts().payoutRequestCalls()).as("not silently sent again").isEqualTo(3);

        assertThat(client.payoutByRef("ref-lost-2")).get().satisfies(p -> {
            assertThat(p.amount()).isEqualTo(7_000);
            assertThat(p.status()).isEqualTo(PayoutStatus.REQUESTED);
        });
        assertThat(client.payoutByRef("ref-lost-1")).as("found on the second page").get()
                .extracting(TossPayout::amount).isEqualTo(10_000L);
        assertThat(client.payoutByRef("ref-never")).isEmpty();
        List<TossPayout> retried = client.requestPayouts(key, List.of(PayoutRequest.express("ref-lost-2", seller.id(), 7_000, "정산")));
        assertThat(retried).singleElement().extracting(TossPayout::id).isEqualTo(client.payoutByRef("ref-lost-2").orElseThrow().id());
        assertThat(toss.payouts().payoutCount("ref-lost-2")).isEqualTo(1);
    }

    @Test
    void thePayoutChangedWebhookIsParsedAndItsSignatureChecked(TossEmulator toss) {
        TossSeller closed = client.registerSeller(individual("ref-seller-closed", "40400404"));
        TossSeller open = client.registerSeller(individual("ref-seller-open", "20000200"));
        toss.payouts().markAccountInvalid("004", "40400404");
        toss.payouts().setBalance(50_000);
        client.requestPayouts(key(), List.of(PayoutRequest.express("ref-hook-failed", closed.id(), 12_000, "정산"),
                PayoutRequest.express("ref-hook-done", open.id(), 8_000, "정산")));

        toss.payouts().completePayouts();

        assertThat(hooks).hasSize(2);
        PayoutChanged failed = client.parseWebhook(hooks.get(0).body());
        assertThat(failed.refPayoutId()).isEqualTo("ref-hook-failed");
        assertThat(failed.status()).isEqualTo(PayoutStatus.FAILED);
        assertThat(failed.failure().code()).isEqualTo("INVALID_ACCOUNT_INFO");
        assertThat(failed.payoutId()).isEqualTo(client.payoutByRef("ref-hook-failed").orElseThrow().id());
        assertThat(failed.eventId()).isNotBlank();
        PayoutChanged done = client.parseWebhook(hooks.get(1).body());
        assertThat(done.status()).isEqualTo(PayoutStatus.COMPLETED);
        assertThat(done.failure()).isNull();
        assertThat(client.balance().available()).as("the failed amount is back").isEqualTo(42_000);

        Hook hook = hooks.getFirst();
        assertThat(client.genuineWebhook(hook.body(), hook.time(), hook.signature())).isTrue();
        assertThat(client.genuineWebhook(hook.body().replace("12000", "120000"), hook.time(), hook.signature())).isFalse();
        assertThat(client.genuineWebhook(hook.body(), hook.time(), "v1:" + "A".repeat(44))).isFalse();
        assertThatThrownBy(() -> client.parseWebhook("{\"eventType\":\"PAYMENT_STATUS_CHANGED\",\"data\":{}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PAYMENT_STATUS_CHANGED");
    }

    @Test
    void tossRefusalsAreTossExceptionsWithTheirCode(TossEmulator toss) {
        TossSeller seller = client.registerSeller(individual("ref-seller-refused", "3330333"));
        toss.payouts().setBalance(10_000);

        assertThatThrownBy(() -> client.requestPayouts(key(), List.of(PayoutRequest.express("ref-big", seller.id(), 10_001, "정산"))))
                .isInstanceOfSatisfying(TossException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("INSUFFICIENT_BALANCE");
                    assertThat(e.retryable()).isFalse();
                });
        client.requestPayouts(key(), List.of(PayoutRequest.express("ref-once", seller.id(), 1_000, "정산")));
        assertThatThrownBy(() -> client.requestPayouts(key(), List.of(PayoutRequest.express("ref-once", seller.id(), 1_000, "정산"))))
                .isInstanceOfSatisfying(TossException.class, e -> assertThat(e.code()).isEqualTo("DUPLICATED_REF_PAYOUT_ID"));
        assertThatThrownBy(() -> client.requestPayouts(key(), List.of(PayoutRequest.express("ref-x", "seller_none", 1_000, "정산"))))
                .isInstanceOfSatisfying(TossException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> client.registerSeller(individual("ref-seller-refused", "3330333")))
                .isInstanceOfSatisfying(TossException.class, e -> assertThat(e.code()).isEqualTo("DUPLICATED_REF_SELLER_ID"));
        TossPayoutClient wrongSecret = new TossPayoutClient(toss.baseUrl(), "test_sk_wrong", TossEmulator.PAYOUT_SECURITY_KEY,
                Duration.ofMillis(700));
        assertThatThrownBy(wrongSecret::balance)
                .isInstanceOfSatisfying(TossException.class, e -> assertThat(e.code()).isEqualTo("UNAUTHORIZED_KEY"));
    }

    @Test
    void moreThanAHundredPayoutsAreRefusedBeforeAnyCall(TossEmulator toss) {
        List<PayoutRequest> items = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            items.add(PayoutRequest.express("ref-many-" + i, "seller_x", 1_000, "정산"));
        }
        assertThatThrownBy(() -> client.requestPayouts(key(), items)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 101");
        assertThatThrownBy(() -> client.requestPayouts(key(), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(toss.payouts().payoutRequestCalls()).isZero();
    }

    @Test
    void anotherSecurityKeySaysSoInsteadOfATagMismatchAlone(TossEmulator toss) {
        TossPayoutClient wrongKey = new TossPayoutClient(toss.baseUrl(), TossEmulator.SECRET_KEY, "0f".repeat(32),
                Duration.ofMillis(700));

        assertThatThrownBy(() -> wrongKey.registerSeller(individual("ref-seller-wrongkey", "777")))
                .isInstanceOf(PayoutCipher.Undecryptable.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("/v2/sellers")
                .hasMessageContaining("security key");
        assertThat(client.registerSeller(individual("ref-seller-wrongkey", "777")).status())
                .as("Toss could not read it, so nothing was registered").isEqualTo(SellerStatus.PARTIALLY_APPROVED);
    }

    @Test
    void isBuiltFromTheEnvironmentWithKeysFromSecrets(TossEmulator toss) {
        Map<String, String> secrets = Map.of("arn:secret:toss", TossEmulator.SECRET_KEY,
                "arn:secret:payout", TossEmulator.PAYOUT_SECURITY_KEY);
        TossPayoutClient fromEnv = TossPayoutClient.from(new Environment(Map.of(
                "TOSS_API_BASE_URL", toss.baseUrl(),
                "TOSS_SECRET_KEY_SECRET_ARN", "arn:secret:toss",
                "TOSS_PAYOUT_SECURITY_KEY_SECRET_ARN", "arn:secret:payout")), secrets::get);
        toss.payouts().setBalance(123_000);

        assertThat(fromEnv.balance()).isEqualTo(new Balance(0, 123_000));
        assertThat(fromEnv.registerSeller(individual("ref-seller-env", "888")).id()).startsWith("seller_");
        assertThatThrownBy(() -> new TossPayoutClient(toss.baseUrl(), TossEmulator.SECRET_KEY, "not-hex", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64 hex characters");
    }

    private static SellerRegistration individual(String ref, String accountNumber) {
        return SellerRegistration.individual(ref, new SellerRegistration.Individual("김판매", "seller@example.com", "01012345678"),
                new BankAccount("004", accountNumber, "김판매"));
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }
}
