package dev.noshowping.order;

import dev.noshowping.config.ConfigurationException;
import dev.noshowping.config.Environment;
import dev.noshowping.ratelimit.LimitedAction;
import dev.noshowping.ratelimit.RateLimit;
import java.time.Duration;

/**
 * What keeps one account from freezing the catalogue with holds it never pays.
 *
 * @param holdWindow     how long a hold lasts ({@code ORDER_HOLD_MINUTES}, 15); a buyer who let an
 *                       article go unpaid cannot hold it again for as long
 * @param maxActiveHolds articles one buyer may hold unpaid at once ({@code MAX_ACTIVE_HOLDS}, 2;
 *                       a virtual account waiting for its deposit counts)
 * @param rate           hold attempts per buyer, held or refused ({@code HOLD_RATE_BURST}, 6, and
 *                       {@code HOLD_RATE_REFILL_EVERY}, PT10M)
 */
public record HoldLimits(Duration holdWindow, int maxActiveHolds, RateLimit rate) {

    public static final HoldLimits DEFAULT = new HoldLimits(Duration.ofMinutes(15), 2,
            new RateLimit(LimitedAction.HOLD, 6, Duration.ofMinutes(10)));

    public HoldLimits {
        if (holdWindow.toMinutes() < 1) {
            throw new ConfigurationException("ORDER_HOLD_MINUTES must be at least 1");
        }
        if (maxActiveHolds < 1) {
            throw new ConfigurationException("MAX_ACTIVE_HOLDS must be at least 1, was " + maxActiveHolds);
        }
    }

    public static HoldLimits from(Environment env) {
        return new HoldLimits(Duration.ofMinutes(env.getInt("ORDER_HOLD_MINUTES", (int) DEFAULT.holdWindow.toMinutes())),
                env.getInt("MAX_ACTIVE_HOLDS", DEFAULT.maxActiveHolds),
                RateLimit.from(env, "HOLD_RATE", DEFAULT.rate));
    }

    int holdMinutes() {
        return (int) holdWindow.toMinutes();
    }
}
