package dev.noshowping.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SqsBatchFunctionBackoffTest {

    @Test
    void theDelayDoublesPerReceiveUpToFifteenMinutesAndRespectsTheProvidersHint() {
        assertThat(SqsBatchFunction.backoff(1, null)).isEqualTo(Duration.ofSeconds(20));
        assertThat(SqsBatchFunction.backoff(2, null)).isEqualTo(Duration.ofSeconds(40));
        assertThat(SqsBatchFunction.backoff(4, null)).isEqualTo(Duration.ofSeconds(160));
        assertThat(SqsBatchFunction.backoff(50, null)).isEqualTo(Duration.ofMinutes(15));
        assertThat(SqsBatchFunction.backoff(1, Duration.ofSeconds(90))).isEqualTo(Duration.ofSeconds(90));
        assertThat(SqsBatchFunction.backoff(3, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(80));
    }
}
