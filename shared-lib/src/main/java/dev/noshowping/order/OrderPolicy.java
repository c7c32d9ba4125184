package dev.noshowping.order;

import dev.noshowping.config.ConfigurationException;
import dev.noshowping.config.Environment;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * The windows an order runs against after the payment, and the platform's fee. Every one is a
 * setting (ISO-8601 durations, e.g. {@code PT24H}), so the local stack can walk the whole loop in
 * seconds. A stay's check-in is its date at {@code CHECK_IN_TIME} (default 15:00) in Korea: an
 * article has only a date, and 15:00 is when Korean hotels and pensions open their rooms.
 *
 * @param transferWindow       the seller's time to transfer after the payment ({@code TRANSFER_WINDOW}, PT24H)
 * @param transferCutoff       the transfer deadline is never later than this before check-in ({@code TRANSFER_CUTOFF}, PT12H)
 * @param autoConfirmWindow    the buyer's time to confirm or dispute after the transfer ({@code AUTO_CONFIRM_WINDOW}, PT24H);
 *                             never later than check-in
 * @param catalogueCutoff      an article leaves the catalogue this long before check-in ({@code CATALOGUE_CUTOFF}, PT12H)
 * @param depositWindow        how long a virtual account waits for its deposit ({@code DEPOSIT_WINDOW}, PT24H): a
 *                             booking is perishable, so an unpaid account must not hold it for Toss's default week
 * @param depositCutoff        a deposit is never due later than this before check-in ({@code DEPOSIT_CUTOFF}, PT12H),
 *                             so the seller still has time to transfer the booking
 * @param platformFeeBps       our fee in basis points of what the seller keeps ({@code PLATFORM_FEE_BPS}, 500 = 5 %)
 * @param payoutDelayDays      days after check-out before a settlement is payable ({@code PAYOUT_DELAY_DAYS}, 1);
 *                             the local stack sets it negative so that the demo's stays, weeks ahead, are payable at once
 */
public record OrderPolicy(Duration transferWindow, Duration transferCutoff, Duration autoConfirmWindow,
                          Duration catalogueCutoff, Duration depositWindow, Duration depositCutoff,
                          LocalTime checkInTime, int platformFeeBps, int payoutDelayDays) {

    public static final ZoneId KOREA = ZoneId.of("Asia/Seoul");

    public static final OrderPolicy DEFAULT = new OrderPolicy(Duration.ofHours(24), Duration.ofHours(12),
            Duration.ofHours(24), Duration.ofHours(12), Duration.ofHours(24), Duration.ofHours(12), LocalTime.of(15, 0), 500, 1);

    public OrderPolicy {
        if (platformFeeBps < 0 || platformFeeBps > 10_000) {
            throw new ConfigurationException("PLATFORM_FEE_BPS must be 0..10000, was " + platformFeeBps);
        }
        if (!transferWindow.isPositive() || !autoConfirmWindow.isPositive() || !depositWindow.isPositive()) {
            throw new ConfigurationException("TRANSFER_WINDOW, AUTO_CONFIRM_WINDOW and DEPOSIT_WINDOW must be positive");
        }
        if (transferCutoff.isNegative() || catalogueCutoff.isNegative() || depositCutoff.isNegative()) {
            throw new ConfigurationException("TRANSFER_CUTOFF, CATALOGUE_CUTOFF and DEPOSIT_CUTOFF must not be negative");
        }
    }

    public static OrderPolicy from(Environment env) {
        return new OrderPolicy(
                duration(env, "TRANSFER_WINDOW", DEFAULT.transferWindow),
                duration(env, "TRANSFER_CUTOFF", DEFAULT.transferCutoff),
                duration(env, "AUTO_CONFIRM_WINDOW", DEFAULT.autoConfirmWindow),
                duration(env, "CATALOGUE_CUTOFF", DEFAULT.catalogueCutoff),
                duration(env, "DEPOSIT_WINDOW", DEFAULT.depositWindow),
                duration(env, "DEPOSIT_CUTOFF", DEFAULT.depositCutoff),
                env.optional("CHECK_IN_TIME").map(LocalTime::parse).orElse(DEFAULT.checkInTime),
                env.getInt("PLATFORM_FEE_BPS", DEFAULT.platformFeeBps),
                env.getInt("PAYOUT_DELAY_DAYS", DEFAULT.payoutDelayDays));
    }

    private static Duration duration(Environment env, String name, Duration fallback) {
        try {
            return env.optional(name).map(Duration::parse).orElse(fallback);
        } catch (DateTimeParseException e) {
            throw new ConfigurationException(name + " must be an ISO-8601 duration such as PT24H");
        }
    }

    /** When the stay begins. */
    public Instant checkInAt(LocalDate checkIn) {
        return checkIn.atTime(checkInTime).atZone(KOREA).toInstant();
    }

    /** The seller's deadline: {@code transferWindow} after the payment, but never later than {@code transferCutoff} before check-in. */
    public Instant transferDeadline(Instant paidAt, LocalDate checkIn) {
        return earlier(paidAt.plus(transferWindow), checkInAt(checkIn).minus(transferCutoff));
    }

    /**
     * When a virtual account issued at {@code issuedAt} stops taking the deposit: {@code depositWindow}
     * on, never later than {@code depositCutoff} before check-in, and never later than Toss's own due
     * date ({@code tossDueDate}, null if unknown).
     */
    public Instant depositDueBy(Instant issuedAt, LocalDate checkIn, Instant tossDueDate) {
        Instant ours = earlier(issuedAt.plus(depositWindow), checkInAt(checkIn).minus(depositCutoff));
        return tossDueDate == null ? ours : earlier(ours, tossDueDate);
    }

    /** When a transferred order completes if the buyer neither confirms nor disputes: never after check-in. */
    public Instant autoConfirmAt(Instant transferredAt, LocalDate checkIn) {
        return earlier(transferredAt.plus(autoConfirmWindow), checkInAt(checkIn));
    }

    /**
     * The latest check-in date that is closed at {@code now}: its stay begins within
     * {@code catalogueCutoff}, so it is neither listed nor holdable.
     */
    public LocalDate lastClosedCheckIn(Instant now) {
        ZonedDateTime horizon = now.plus(catalogueCutoff).atZone(KOREA);
        LocalDate day = horizon.toLocalDate();
        return horizon.toLocalTime().isBefore(checkInTime) ? day.minusDays(1) : day;
    }

    /** The settlement of {@code gross} won for a stay that ends on {@code checkOut}. */
    public Settlement settle(long gross, LocalDate checkOut) {
        return Settlement.of(gross, platformFeeBps, checkOut.plusDays(payoutDelayDays));
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
