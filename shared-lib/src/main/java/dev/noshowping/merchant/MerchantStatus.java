package dev.noshowping.merchant;

/**
 * Where a merchant stands with staff. Only a verified merchant's settlements are paid out; a
 * suspended one's articles leave the catalogue, cannot be held, and they cannot publish.
 */
public enum MerchantStatus {
    UNVERIFIED,
    VERIFIED,
    SUSPENDED
}
