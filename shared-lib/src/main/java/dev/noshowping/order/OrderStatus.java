package dev.noshowping.order;

/**
 * Where an order is in its life. Before the money: {@code PENDING} (held) → {@code CONFIRMING} →
 * ({@code WAITING_FOR_DEPOSIT}) → {@code PAID}. After it, the money waits in escrow: {@code PAID}
 * means "paid, waiting for the seller to put the booking in the buyer's name", then
 * {@code TRANSFERRED} → {@code COMPLETED}, or {@code DISPUTED}, or {@code REFUNDING} →
 * {@code REFUNDED} / {@code PARTIALLY_REFUNDED}. {@link OrderTransitions} says which moves exist.
 */
public enum OrderStatus {
    PENDING,
    CONFIRMING,
    WAITING_FOR_DEPOSIT,
    /** Paid; the seller has until the transfer deadline to put the booking in the buyer's name. */
    PAID,
    /** The seller says the booking is in the buyer's name; the buyer confirms or disputes until the auto-confirm time. */
    TRANSFERRED,
    /** The buyer has the booking: the money is the seller's (a settlement row), paid out after the stay. */
    COMPLETED,
    /** The buyer disputes; staff resolve it as a full or partial refund or a release to the seller. */
    DISPUTED,
    /** A refund is decided and owed; the Toss cancel is in flight or retried until it succeeds. */
    REFUNDING,
    REFUNDED,
    /** Part of the money went back to the buyer, the rest is the seller's. */
    PARTIALLY_REFUNDED,
    /** Ended before any money was taken (a hold or an unpaid virtual account canceled). */
    CANCELED,
    EXPIRED,
    FAILED;

    /** The booking reference and guest name are the buyer's from the transfer on. */
    public boolean buyerSeesBooking() {
        return this == TRANSFERRED || this == COMPLETED || this == DISPUTED;
    }

    /** The names of the states {@link #buyerSeesBooking}, for the queries that decide who sees a booking. */
    public static Object[] namesWhereBuyerSeesBooking() {
        return java.util.Arrays.stream(values()).filter(OrderStatus::buyerSeesBooking).map(Enum::name).toArray();
    }

    /** Money was taken and not all of it has gone back or to the seller yet, or it has: any state after the payment. */
    public boolean paid() {
        return switch (this) {
            case PAID, TRANSFERRED, COMPLETED, DISPUTED, REFUNDING, REFUNDED, PARTIALLY_REFUNDED -> true;
            default -> false;
        };
    }

    /** The article is held for this order's buyer, who has not paid yet: what a buyer's hold cap counts. */
    public boolean holding() {
        return this == PENDING || this == CONFIRMING || this == WAITING_FOR_DEPOSIT;
    }

    /** Nothing more happens to the order. */
    public boolean terminal() {
        return switch (this) {
            case COMPLETED, REFUNDED, PARTIALLY_REFUNDED, CANCELED, EXPIRED, FAILED -> true;
            default -> false;
        };
    }
}
