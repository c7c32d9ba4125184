package dev.noshowping.merchant;

/** {@code POST /merchants} body. Boxed and nullable so that every missing field is reported at once. */
public record NewMerchant(String merchantName, String payoutBank, String payoutAccount, String phone) {
}
