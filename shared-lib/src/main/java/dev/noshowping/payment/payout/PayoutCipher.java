package dev.noshowping.payment.payout;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import java.text.ParseException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * TossPayments' ENCRYPTION security mode for payouts: a body is a JWE compact string, {@code alg dir},
 * {@code enc A256GCM}, with the custom header parameters {@code iat} (ISO-8601 with offset, seconds) and
 * {@code nonce} (a UUID), under the account's security key: 64 hex characters decoded to 32 bytes.
 * (https://docs.tosspayments.com/guides/v2/payouts, https://docs.tosspayments.com/en/integration-payouts)
 *
 * <p>The JOSE work is nimbus-jose-jwt's. Thread-safe.
 */
public final class PayoutCipher {

    /** A JWE that this key cannot open (wrong key, or not a JWE at all): the text says which and why. */
    public static final class Undecryptable extends RuntimeException {
        public Undecryptable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final ZoneId KST = ZoneId.of("Asia/Seoul");
    // seconds only: integrators report that Toss refuses an iat with fractions of a second
    private static final DateTimeFormatter IAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private final SecretKey key;
    private final Clock clock;

    public PayoutCipher(String securityKeyHex) {
        this(securityKeyHex, Clock.system(KST));
    }

    PayoutCipher(String securityKeyHex, Clock clock) {
        this.key = new SecretKeySpec(decodeKey(securityKeyHex), "AES");
        this.clock = clock;
    }

    /**
     * The key as Toss prescribes: hex-decoded. Decoding it as UTF-8 text instead gives 64 bytes and the
     * "Tag mismatch" integrators report, so anything but 64 hex characters is refused here.
     */
    private static byte[] decodeKey(String hex) {
        if (hex == null || hex.strip().length() != 64) {
            throw new IllegalArgumentException("a Toss payout security key is 64 hex characters, got "
                    + (hex == null ? "none" : hex.strip().length() + " characters"));
        }
        try {
            return HexFormat.of().parseHex(hex.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a Toss payout security key is 64 hex characters: " + e.getMessage(), e);
        }
    }

    /** {@code plaintext} (JSON) as a JWE compact string with a fresh {@code iat} and {@code nonce}. */
    public String encrypt(String plaintext) {
        JWEHeader header = new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                .customParam("iat", IAT.format(OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS)))
                .customParam("nonce", UUID.randomUUID().toString())
                .build();
        JWEObject jwe = new JWEObject(header, new Payload(plaintext));
        try {
            jwe.encrypt(new DirectEncrypter(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot encrypt with the payout security key: " + e.getMessage(), e);
        }
        return jwe.serialize();
    }

    /** The plaintext of a JWE compact string made with this key. */
    public String decrypt(String compact) {
        return open(compact).getPayload().toString();
    }

    /** The parsed and decrypted JWE, for readers of its header (the emulator checks iat and nonce). */
    public JWEObject open(String compact) {
        JWEObject jwe;
        try {
            jwe = JWEObject.parse(compact.strip());
        } catch (ParseException e) {
            throw new Undecryptable("not a JWE compact string: " + e.getMessage(), e);
        }
        if (!JWEAlgorithm.DIR.equals(jwe.getHeader().getAlgorithm())
                || !EncryptionMethod.A256GCM.equals(jwe.getHeader().getEncryptionMethod())) {
            throw new Undecryptable("JWE is " + jwe.getHeader().getAlgorithm() + "/"
                    + jwe.getHeader().getEncryptionMethod() + ", expected dir/A256GCM", null);
        }
        try {
            jwe.decrypt(new DirectDecrypter(key));
        } catch (JOSEException e) {
            throw new Undecryptable("cannot decrypt with this security key (" + e.getMessage() + ")", e);
        }
        return jwe;
    }

    /**
     * The {@code v1:} value of {@code tosspayments-webhook-signature} for a payout webhook: base64 of
     * HMAC-SHA256 over {@code body + ":" + transmissionTime} under the security key
     * (https://techchat.tosspayments.com/m/1308725417263497257). Toss does not say how the key becomes
     * HMAC key bytes; we use the same 32 hex-decoded bytes as for JWE (docs/toss.md, chosen).
     */
    public String webhookSignature(String body, String transmissionTime) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(
                    mac.doFinal((body + ":" + transmissionTime).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * True if one of the {@code v1:} values of a {@code tosspayments-webhook-signature} header (Toss sends
     * two while it rotates keys) is this key's signature of the body and transmission time.
     */
    public boolean genuineWebhook(String body, String transmissionTime, String signatureHeader) {
        if (body == null || transmissionTime == null || signatureHeader == null) {
            return false;
        }
        byte[] expected = Base64.getDecoder().decode(webhookSignature(body, transmissionTime));
        for (String part : signatureHeader.split(",")) {
            String value = part.strip();
            if (!value.startsWith("v1:")) {
                continue;
            }
            try {
                if (MessageDigest.isEqual(expected, Base64.getDecoder().decode(value.substring(3).strip()))) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                // not base64: not a match
            }
        }
        return false;
    }
}
