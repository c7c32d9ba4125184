package dev.noshowping.payment.payout;

import java.util.Objects;

/**
 * Where a seller is paid: Toss's {@code account} of a seller. {@code bankCode} is the bank's 3-digit code
 * (e.g. {@code 004}), {@code accountNumber} digits only.
 */
public record BankAccount(String bankCode, String accountNumber, String holderName) {

    public BankAccount {
        Objects.requireNonNull(bankCode, "bankCode");
        Objects.requireNonNull(accountNumber, "accountNumber");
        Objects.requireNonNull(holderName, "holderName");
        if (!accountNumber.matches("\\d{1,20}")) {
            throw new IllegalArgumentException("accountNumber must be 1 to 20 digits");
        }
    }
}
