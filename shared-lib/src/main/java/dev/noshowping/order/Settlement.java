package dev.noshowping.order;

import java.time.LocalDate;

/**
 * What of an order's money is the seller's: the gross (what was charged less any refund), our fee
 * and the net paid out on {@code payableOn}. The fee is rounded down to the won: the seller never
 * pays a fraction more than the rate.
 */
public record Settlement(long gross, int feeBps, long fee, long net, LocalDate payableOn) {

    public Settlement {
        if (gross <= 0 || fee < 0 || net < 0 || fee + net != gross) {
            throw new IllegalArgumentException("a settlement must split a positive gross into fee + net: "
                    + gross + " = " + fee + " + " + net);
        }
    }

    public static Settlement of(long gross, int feeBps, LocalDate payableOn) {
        long fee = Math.multiplyExact(gross, (long) feeBps) / 10_000;
        return new Settlement(gross, feeBps, fee, gross - fee, payableOn);
    }
}
