package dev.noshowping.payment.payout;

/** A seller as Toss knows it: Toss's {@code id} (a payout's {@code destination}), ours, and its status. */
public record TossSeller(String id, String refSellerId, BusinessType businessType, SellerStatus status) {
}
