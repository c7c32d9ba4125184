package dev.noshowping.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noshowping.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TossPaymentStatusTest {

    @ParameterizedTest
    @EnumSource(TossPaymentStatus.class)
    void everyStatusTossSendsReadsAsItself(TossPaymentStatus status) {
        assertThat(TossPaymentStatus.of(status.name())).isEqualTo(status);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"HALF_DONE", "done", " DONE"})
    void aStatusTossAddsLaterReadsAsUnknownNeverAsAnError(String value) {
        assertThat(TossPaymentStatus.of(value)).isEqualTo(TossPaymentStatus.UNKNOWN);
    }

    @Test
    void onlyReadyAndInProgressAreNotConfirmedYet() {
        assertThat(TossPaymentStatus.READY.notConfirmed()).isTrue();
        assertThat(TossPaymentStatus.IN_PROGRESS.notConfirmed()).isTrue();
        assertThat(TossPaymentStatus.DONE.notConfirmed()).isFalse();
        assertThat(TossPaymentStatus.UNKNOWN.notConfirmed()).isFalse();
    }

    @Test
    void aPaymentWithANewStatusAndMethodIsStillRead() throws Exception {
        TossPayment p = TossPayment.from(Json.MAPPER.readTree("""
                {"paymentKey":"pk","orderId":"o","status":"SOMETHING_NEW","method":"새결제수단","totalAmount":1}"""));
        assertThat(p.status()).isEqualTo(TossPaymentStatus.UNKNOWN);
        assertThat(p.method()).isNull();
        assertThat(p.totalAmount()).isEqualTo(1);
    }

    @Test
    void methodsReadInKoreanOrEnglish() {
        assertThat(PaymentMethod.of("가상계좌")).isEqualTo(PaymentMethod.VIRTUAL_ACCOUNT);
        assertThat(PaymentMethod.of("VIRTUAL_ACCOUNT")).isEqualTo(PaymentMethod.VIRTUAL_ACCOUNT);
        assertThat(PaymentMethod.of("도서문화상품권")).isEqualTo(PaymentMethod.GIFT_CERTIFICATE);
        assertThat(PaymentMethod.of("카드")).isEqualTo(PaymentMethod.CARD);
        assertThat(PaymentMethod.of(null)).isNull();
    }
}
