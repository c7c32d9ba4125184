package dev.noshowping.merchant;

/** A bank account number: only its last four digits are ever shown. */
public final class PayoutAccount {

    private PayoutAccount() {
    }

    /** Digits only, hyphens dropped: {@code 110-123-456789} → {@code 110123456789}. */
    public static String digits(String account) {
        return account.replace("-", "");
    }

    /** {@code 110123456789} → {@code ********6789}. */
    public static String mask(String account) {
        String digits = digits(account);
        int shown = Math.min(4, digits.length() - 1);
        return "*".repeat(digits.length() - shown) + digits.substring(digits.length() - shown);
    }
}
