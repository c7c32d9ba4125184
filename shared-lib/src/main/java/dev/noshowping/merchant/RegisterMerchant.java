package dev.noshowping.merchant;

import dev.noshowping.crypto.FieldCipher;
import dev.noshowping.db.Transaction;
import dev.noshowping.domain.Conflict;
import dev.noshowping.domain.NotFound;
import dev.noshowping.domain.Validation;
import dev.noshowping.identity.Caller;
import dev.noshowping.user.UserRepository;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * {@code POST /merchants}: a user becomes a merchant, once. The account number is kept encrypted.
 *
 * <p>The phone number alimtalk goes to is only ever the token's verified {@code phone_number}
 * ({@link Caller#phone()}): a number typed into a body would let anyone have us send official
 * messages to a stranger. A body {@code phone} is therefore refused unless it is that same number,
 * rather than dropped, so a client that expected it to be kept learns that it was not.
 */
public final class RegisterMerchant {

    /** The column the payout account is encrypted for (the payout run decrypts it). */
    public static final String ACCOUNT_AAD = "merchant.payout_account";
    private static final Pattern BANK = Pattern.compile("^[0-9]{3}$");
    private static final Pattern ACCOUNT = Pattern.compile("^[0-9][0-9-]{4,28}[0-9]$");
    public static final Pattern PHONE = Pattern.compile("^\\+[1-9][0-9]{7,14}$");

    private final Supplier<DataSource> dataSource;
    private final Supplier<FieldCipher> cipher;

    public RegisterMerchant(Supplier<DataSource> dataSource, Supplier<FieldCipher> cipher) {
        this.dataSource = dataSource;
        this.cipher = cipher;
    }

    public Merchant register(Caller caller, NewMerchant request) {
        Validation v = new Validation();
        v.text("merchantName", request.merchantName(), 1, 50);
        v.pattern("payoutBank", request.payoutBank(), BANK, "a 3-digit bank code such as 088");
        v.pattern("payoutAccount", request.payoutAccount(), ACCOUNT, "an account number (digits, optionally hyphens)");
        if (request.payoutAccount() != null && !v.hasErrorFor("payoutAccount")) {
            int digits = PayoutAccount.digits(request.payoutAccount()).length();
            v.check(digits >= 6 && digits <= 20, "payoutAccount", "must have 6 to 20 digits");
        }
        if (request.phone() != null) {
            v.pattern("phone", request.phone(), PHONE, "an E.164 number such as +821012345678");
            if (!v.hasErrorFor("phone")) {
                v.check(request.phone().equals(caller.phone()), "phone", caller.phone() == null
                        ? "is taken only from a verified sign-in (the token has no verified phone_number): leave it out"
                        : "must be the token's verified phone_number: leave it out");
            }
        }
        v.throwIfInvalid();

        String account = PayoutAccount.digits(request.payoutAccount());
        byte[] encrypted = cipher.get().encrypt(account, ACCOUNT_AAD, accountRow(caller.subject()));
        try {
            return insert(caller, request, account, encrypted);
        } catch (dev.noshowping.db.DatabaseException e) {
            if (e.isUniqueViolation()) {
                // a concurrent registration of the same user won the race
                throw new Conflict("you are already a merchant");
            }
            throw e;
        }
    }

    private Merchant insert(Caller caller, NewMerchant request, String account, byte[] encrypted) {
        return Transaction.run(dataSource.get(), c -> {
            long userId = UserRepository.ensure(c, caller);   // keeps the token's verified phone, if any
            return MerchantRepository.insert(c, userId, request.merchantName().strip(), request.payoutBank(),
                            PayoutAccount.mask(account), encrypted)
                    .orElseThrow(() -> new Conflict("you are already a merchant"));
        });
    }

    /**
     * The merchant row an account is bound to, by its natural key: a user is a merchant at most
     * once, and the subject is known before the row (and its id) exists.
     */
    public static String accountRow(String ownerSubject) {
        return "merchant of " + ownerSubject;
    }

    public Merchant me(Caller caller) {
        return Transaction.read(dataSource.get(), c -> MerchantRepository.findBySubject(c, caller.subject()))
                .orElseThrow(() -> new NotFound("you are not a merchant yet: POST /merchants"));
    }
}
