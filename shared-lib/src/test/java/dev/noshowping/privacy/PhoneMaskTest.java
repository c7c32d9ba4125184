package dev.noshowping.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneMaskTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "+821012345678   | +82******5678",
        "+12025550123    | +12*****0123",
        "01012345678     | 010****5678",
        "010-1234-5678   | 010-****-5678",
        "011 234 5678    | 011 *** 5678",
        "821012345678    | 82******5678",
        "+82-10-1234-5678 | +82-**-****-5678",
    })
    void keepsThePrefixAndTheLastFourDigits(String number, String masked) {
        assertThat(PhoneMask.of(number)).isEqualTo(masked);
        assertThat(PhoneMask.in("to " + number + ": refused")).isEqualTo("to " + masked + ": refused");
    }

    @Test
    void masksEveryNumberInAText() {
        assertThat(PhoneMask.in("not a Korean mobile number: +12025550123; 수신번호01098765432 오류"))
                .isEqualTo("not a Korean mobile number: +12*****0123; 수신번호010****5432 오류");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "order nsp-01012345678x",            // inside an id
        "amount 1012345678",                  // no prefix we know
        "epoch 1795576542000",
        "at 2026-01-05T01:02:03.010123Z",
        "account 110123456789",
        "order 501012345678 of 35000 KRW",
        "uuid 6a1f0d2e-3b4c-4d5e-8f60-718293a4b5c6",
    })
    void leavesOtherNumbersAlone(String text) {
        assertThat(PhoneMask.in(text)).isEqualTo(text);
    }

    @Test
    void nullStaysNull() {
        assertThat(PhoneMask.in(null)).isNull();
        assertThat(PhoneMask.of(null)).isNull();
    }
}
