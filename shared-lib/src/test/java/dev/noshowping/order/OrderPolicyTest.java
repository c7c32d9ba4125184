package dev.noshowping.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noshowping.config.ConfigurationException;
import dev.noshowping.config.Environment;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderPolicyTest {

    final OrderPolicy policy = OrderPolicy.DEFAULT;
    final LocalDate stay = LocalDate.of(2026, 12, 24);
    /** 2026-12-24 15:00 in Korea. */
    final Instant checkIn = ZonedDateTime.of(2026, 12, 24, 15, 0, 0, 0, OrderPolicy.KOREA).toInstant();

    @Test
    void theTransferDeadlineIs24HoursAfterThePaymentButNeverLaterThan12HoursBeforeCheckIn() {
        Instant early = checkIn.minus(Duration.ofDays(5));
        assertThat(policy.transferDeadline(early, stay)).isEqualTo(early.plus(Duration.ofHours(24)));
        Instant late = checkIn.minus(Duration.ofHours(30));
        assertThat(policy.transferDeadline(late, stay)).isEqualTo(checkIn.minus(Duration.ofHours(12)));
    }

    @Test
    void autoConfirmIs24HoursAfterTheTransferButNeverAfterCheckIn() {
        Instant early = checkIn.minus(Duration.ofDays(3));
        assertThat(policy.autoConfirmAt(early, stay)).isEqualTo(early.plus(Duration.ofHours(24)));
        Instant late = checkIn.minus(Duration.ofHours(5));
        assertThat(policy.autoConfirmAt(late, stay)).isEqualTo(checkIn);
    }

    @Test
    void aDepositIsDue24HoursAfterTheAccountIsIssuedNeverLaterThan12HoursBeforeCheckInNorAfterTossSays() {
        Instant early = checkIn.minus(Duration.ofDays(5));
        assertThat(policy.depositDueBy(early, stay, null)).isEqualTo(early.plus(Duration.ofHours(24)));
        assertThat(policy.depositDueBy(early, stay, early.plus(Duration.ofDays(7))))
                .as("Toss's default week is cut to our day").isEqualTo(early.plus(Duration.ofHours(24)));
        assertThat(policy.depositDueBy(early, stay, early.plus(Duration.ofHours(3))))
                .as("an earlier date of Toss's stands").isEqualTo(early.plus(Duration.ofHours(3)));
        Instant late = checkIn.minus(Duration.ofHours(30));
        assertThat(policy.depositDueBy(late, stay, late.plus(Duration.ofDays(3)))).isEqualTo(checkIn.minus(Duration.ofHours(12)));
    }

    @Test
    void aStayClosesTwelveHoursBeforeItsCheckIn() {
        // 03:00 in Korea on the day is exactly 12 h before 15:00: closed from then on
        Instant justBefore = checkIn.minus(Duration.ofHours(12)).minusSeconds(1);
        Instant atCutoff = checkIn.minus(Duration.ofHours(12));
        assertThat(policy.lastClosedCheckIn(justBefore)).isEqualTo(stay.minusDays(1));
        assertThat(policy.lastClosedCheckIn(atCutoff)).isEqualTo(stay);
    }

    @Test
    void theFeeIsRoundedDownAndFeePlusNetIsTheGross() {
        Settlement s = policy.settle(99_999, stay.plusDays(1));
        assertThat(s.fee()).isEqualTo(4_999);   // 5 % of 99 999 is 4 999.95
        assertThat(s.net()).isEqualTo(95_000);
        assertThat(s.fee() + s.net()).isEqualTo(s.gross());
        assertThat(s.payableOn()).isEqualTo(stay.plusDays(2));
        assertThatThrownBy(() -> new Settlement(100, 500, 6, 95, stay)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyWindowIsASettingAndNonsenseIsRefusedAtStart() {
        var env = new Environment(Map.of("TRANSFER_WINDOW", "PT20S", "AUTO_CONFIRM_WINDOW", "PT30S",
                "PLATFORM_FEE_BPS", "1000", "PAYOUT_DELAY_DAYS", "0", "CHECK_IN_TIME", "14:00"));
        OrderPolicy p = OrderPolicy.from(env);
        assertThat(p.transferWindow()).isEqualTo(Duration.ofSeconds(20));
        assertThat(p.autoConfirmWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.platformFeeBps()).isEqualTo(1000);
        assertThat(p.checkInAt(stay)).isEqualTo(checkIn.minus(Duration.ofHours(1)));
        assertThatThrownBy(() -> OrderPolicy.from(new Environment(Map.of("TRANSFER_WINDOW", "a day"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("TRANSFER_WINDOW");
        assertThatThrownBy(() -> OrderPolicy.from(new Environment(Map.of("PLATFORM_FEE_BPS", "20000"))))
                .isInstanceOf(ConfigurationException.class);
        assertThat(OrderPolicy.from(new Environment(Map.of("DEPOSIT_WINDOW", "PT2H"))).depositWindow()).isEqualTo(Duration.ofHours(2));
        assertThatThrownBy(() -> OrderPolicy.from(new Environment(Map.of("DEPOSIT_WINDOW", "PT0S"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("DEPOSIT_WINDOW");
    }
}
