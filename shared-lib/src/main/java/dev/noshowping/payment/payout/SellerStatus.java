package dev.noshowping.payment.payout;

/**
 * A seller's standing at Toss. Payouts are accepted only for {@link #PARTIALLY_APPROVED} and
 * {@link #APPROVED} sellers (Toss refuses the others with {@code FORBIDDEN_SELLER_PAYOUT}); the rest wait
 * for the seller's identity verification or KYC. {@link #UNKNOWN} stands for a value Toss adds later.
 */
public enum SellerStatus {
    APPROVAL_REQUIRED, PARTIALLY_APPROVED, KYC_REQUIRED, APPROVED, UNKNOWN;

    public boolean payable() {
        return this == PARTIALLY_APPROVED || this == APPROVED;
    }

    /** Toss may add values without a new API version; those read as UNKNOWN rather than failing the answer. */
    public static SellerStatus of(String value) {
        for (SellerStatus s : values()) {
            if (s.name().equals(value)) {
                return s;
            }
        }
        return UNKNOWN;
    }
}
