package dev.noshowping.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noshowping.config.ConfigurationException;
import dev.noshowping.config.Environment;
import dev.noshowping.domain.RateLimited;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    static final RateLimit THREE_THEN_ONE_A_MINUTE = new RateLimit(LimitedAction.HOLD, 3, Duration.ofMinutes(1));
    static final Instant T0 = Instant.parse("2026-12-02T00:00:00Z");

    /** Takes from the bucket at {@code now}; returns the bucket after, or null when refused. */
    static TokenBucket take(TokenBucket bucket, Instant now) {
        return switch (bucket.take(THREE_THEN_ONE_A_MINUTE, now)) {
            case TokenBucket.Take.Taken taken -> taken.bucket();
            case TokenBucket.Take.Refused refused -> null;
        };
    }

    @Test
    void aFullBucketGivesItsBurstAtOnceThenRefusesUntilAMinuteHasPassed() {
        TokenBucket bucket = TokenBucket.full(THREE_THEN_ONE_A_MINUTE, T0);
        for (int i = 0; i < 3; i++) {
            bucket = take(bucket, T0);
            assertThat(bucket).as("take %d", i + 1).isNotNull();
        }
        assertThat(take(bucket, T0)).as("the fourth at once").isNull();
        assertThat(bucket.take(THREE_THEN_ONE_A_MINUTE, T0.plusSeconds(20)))
                .isEqualTo(new TokenBucket.Take.Refused(Duration.ofSeconds(40)));
        assertThat(take(bucket, T0.plusSeconds(60))).as("a minute on").isNotNull();
    }

    @Test
    void refillNeverExceedsTheBurst() {
        TokenBucket bucket = take(TokenBucket.full(THREE_THEN_ONE_A_MINUTE, T0), T0);
        Instant dayLater = T0.plus(Duration.ofDays(1));
        int taken = 0;
        while ((bucket = take(bucket, dayLater)) != null) {
            taken++;
        }
        assertThat(taken).isEqualTo(3);
    }

    @Test
    void aClockThatWentBackEarnsNothing() {
        TokenBucket empty = new TokenBucket(0, T0);
        assertThat(take(empty, T0.minusSeconds(3600))).isNull();
        assertThat(take(new TokenBucket(0.5, T0), T0.minusSeconds(3600))).isNull();
    }

    @Test
    void retryAfterRoundsUpToWholeSeconds() {
        var refused = new TokenBucket(0.999, T0).take(THREE_THEN_ONE_A_MINUTE, T0);
        assertThat(refused).isInstanceOf(TokenBucket.Take.Refused.class);
        var limited = new RateLimited(LimitedAction.HOLD, ((TokenBucket.Take.Refused) refused).retryAfter());
        assertThat(limited.retryAfterSeconds()).isEqualTo(1);
        assertThat(new RateLimited(LimitedAction.HOLD, Duration.ofMillis(40_001)).retryAfterSeconds()).isEqualTo(41);
        assertThat(new RateLimited(LimitedAction.HOLD, Duration.ofSeconds(40)).retryAfterSeconds()).isEqualTo(40);
    }

    @Test
    void limitsComeFromTheEnvironmentAndBadOnesAreRefusedByName() {
        var env = new Environment(Map.of("HOLD_RATE_BURST", "10", "HOLD_RATE_REFILL_EVERY", "PT30S"));
        assertThat(RateLimit.from(env, "HOLD_RATE", THREE_THEN_ONE_A_MINUTE))
                .isEqualTo(new RateLimit(LimitedAction.HOLD, 10, Duration.ofSeconds(30)));
        assertThat(RateLimit.from(new Environment(Map.of()), "HOLD_RATE", THREE_THEN_ONE_A_MINUTE))
                .isEqualTo(THREE_THEN_ONE_A_MINUTE);
        assertThatThrownBy(() -> RateLimit.from(new Environment(Map.of("HOLD_RATE_REFILL_EVERY", "10 minutes")),
                "HOLD_RATE", THREE_THEN_ONE_A_MINUTE)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("HOLD_RATE_REFILL_EVERY");
        assertThatThrownBy(() -> RateLimit.from(new Environment(Map.of("HOLD_RATE_BURST", "0")),
                "HOLD_RATE", THREE_THEN_ONE_A_MINUTE)).isInstanceOf(ConfigurationException.class);
    }
}
