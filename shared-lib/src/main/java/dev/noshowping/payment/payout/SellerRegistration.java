package dev.noshowping.payment.payout;

import java.util.Objects;

/**
 * A seller to register with Toss ({@code POST /v2/sellers}). {@code refSellerId} is ours and can never
 * be used again, even after the seller is deleted at Toss. An {@link BusinessType#INDIVIDUAL} carries
 * {@code individual}; the two business types carry {@code company}.
 */
public record SellerRegistration(String refSellerId, BusinessType businessType, Individual individual,
        Company company, BankAccount account) {

    /** A person selling without a business registration. */
    public record Individual(String name, String email, String phone) {
        public Individual {
            Objects.requireNonNull(name, "name");
        }
    }

    /** A sole proprietor's or a company's details. */
    public record Company(String name, String representativeName, String businessRegistrationNumber,
            String email, String phone) {
        public Company {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(representativeName, "representativeName");
            Objects.requireNonNull(businessRegistrationNumber, "businessRegistrationNumber");
        }
    }

    public SellerRegistration {
        Objects.requireNonNull(refSellerId, "refSellerId");
        Objects.requireNonNull(businessType, "businessType");
        Objects.requireNonNull(account, "account");
        if (businessType == BusinessType.INDIVIDUAL ? individual == null || company != null
                : company == null || individual != null) {
            throw new IllegalArgumentException(businessType == BusinessType.INDIVIDUAL
                    ? "an INDIVIDUAL seller carries individual details only"
                    : "a " + businessType + " seller carries company details only");
        }
    }

    public static SellerRegistration individual(String refSellerId, Individual individual, BankAccount account) {
        return new SellerRegistration(refSellerId, BusinessType.INDIVIDUAL, individual, null, account);
    }

    public static SellerRegistration business(String refSellerId, BusinessType type, Company company,
            BankAccount account) {
        return new SellerRegistration(refSellerId, type, null, company, account);
    }
}
