package dev.noshowping.merchant;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A merchant as the API shows it: the payout account only masked. */
public record Merchant(long id, String merchantName, String payoutBank, String payoutAccountMasked,
                       @JsonInclude(JsonInclude.Include.ALWAYS) String phone,
                       boolean verified, boolean suspended, Instant createdAt) {
}
