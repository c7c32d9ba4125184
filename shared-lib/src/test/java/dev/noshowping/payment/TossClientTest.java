package dev.noshowping.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noshowping.emulator.toss.TossEmulator;
import dev.noshowping.emulator.toss.TossEmulatorExtension;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The client against the Toss emulator over a real socket: what reaches Toss, and how often. */
@ExtendWith(TossEmulatorExtension.class)
class TossClientTest {

    private static final long AMOUNT = 150_000;

    private final TossClient client = new TossClient(TossEmulatorExtension.emulator().baseUrl(), TossEmulator.SECRET_KEY,
            Duration.ofMillis(700));

    @Test
    void anAnswerLostOnAKeptAliveConnectionIsReportedNotSilentlySentAgain(TossEmulator toss) {
        // a first confirm leaves its connection in the JDK's keep-alive cache
        String first = "ord_client_first";
        assertThat(client.confirm(cardAuthenticated(toss, first), first, AMOUNT, key()).status())
                .isEqualTo(TossPaymentStatus.DONE);
        String orderId = "ord_client_lost";
        String paymentKey = cardAuthenticated(toss, orderId);
        String key = key();
        toss.inject(TossEmulator.Fault.ANSWER_LOST, 1);

        assertThatThrownBy(() -> client.confirm(paymentKey, orderId, AMOUNT, key)).isInstanceOf(TossClient.Unanswered.class);
        // one call: HttpURLConnection re-sends a request whose cached connection fails unless it
        // streams a fixed length; a second attempt is the caller's to make, counted
        assertThat(toss.confirmCalls(orderId)).isEqualTo(1);
        assertThat(toss.charges(orderId)).isEqualTo(1);

        TossPayment again = client.confirm(paymentKey, orderId, AMOUNT, key);
        assertThat(again.status()).as("the first answer, kept under the key").isEqualTo(TossPaymentStatus.DONE);
        assertThat(toss.confirmCalls(orderId)).isEqualTo(2);
        assertThat(toss.charges(orderId)).isEqualTo(1);
    }

    @Test
    void aTimeoutIsUnansweredAndTheClientWorksAfterIt(TossEmulator toss) {
        String orderId = "ord_client_timeout";
        String paymentKey = cardAuthenticated(toss, orderId);
        toss.inject(TossEmulator.Fault.TIMEOUT, 1);

        assertThatThrownBy(() -> client.confirm(paymentKey, orderId, AMOUNT, key()))
                .isInstanceOf(TossClient.Unanswered.class).hasMessageContaining("within 700 ms");
        assertThat(toss.charges(orderId)).isZero();

        assertThat(client.confirm(paymentKey, orderId, AMOUNT, key()).status()).isEqualTo(TossPaymentStatus.DONE);
        assertThat(client.byOrderId(orderId)).get().extracting(TossPayment::status).isEqualTo(TossPaymentStatus.DONE);
    }

    @Test
    void tossErrorsCarryTheirStatusCodeAndMessage(TossEmulator toss) {
        String orderId = "ord_client_rejected";
        String paymentKey = cardAuthenticated(toss, orderId);
        toss.inject(TossEmulator.Fault.REJECT_CARD, 1);

        assertThatThrownBy(() -> client.confirm(paymentKey, orderId, AMOUNT, key()))
                .isInstanceOfSatisfying(TossException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.code()).isEqualTo("REJECT_CARD_PAYMENT");
                    assertThat(e.getMessage()).contains("REJECT_CARD_PAYMENT");
                });
        assertThat(client.byOrderId("ord_client_unknown")).as("404: Toss knows no payment").isEmpty();
    }

    @Test
    void aWrongSecretKeyIsARefusalNotAnUnansweredCall(TossEmulator toss) {
        // unanswered would mean "maybe charged": the confirm would wait for a reconcile that never comes
        String orderId = "ord_client_wrong_key";
        String paymentKey = cardAuthenticated(toss, orderId);
        TossClient wrongKey = new TossClient(toss.baseUrl(), "test_sk_not_ours", Duration.ofMillis(700));

        assertThatThrownBy(() -> wrongKey.confirm(paymentKey, orderId, AMOUNT, key()))
                .isInstanceOfSatisfying(TossException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThat(client.byOrderId(orderId)).get().extracting(TossPayment::status)
                .isNotEqualTo(TossPaymentStatus.DONE);
    }

    /** The payment widget's step: the buyer authenticates a card at Toss for the order; its paymentKey. */
    private static String cardAuthenticated(TossEmulator toss, String orderId) {
        return toss.checkout(orderId, AMOUNT, TossEmulator.Method.CARD);
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }
}
