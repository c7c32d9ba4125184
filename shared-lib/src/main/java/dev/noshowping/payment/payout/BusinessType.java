package dev.noshowping.payment.payout;

/** A seller's business type, Toss's {@code businessType}: an individual, a sole proprietor, a company. */
public enum BusinessType {
    INDIVIDUAL, INDIVIDUAL_BUSINESS, CORPORATE
}
