package dev.noshowping.emulator.toss;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The payout security key and what Toss does with it: the API's ENCRYPTION security mode and the
 * payout webhooks' signature, written from docs/toss.md ("ENCRYPTION security mode", "payout.changed
 * webhook") and deliberately not shared with the client's cipher in shared-lib: an emulator that
 * used our own cipher would agree with any mistake in it.
 *
 * <p>The security key is 64 hex characters, read as 32 bytes. A body is a JWE compact string with
 * {@code alg dir}, {@code enc A256GCM} and the custom header parameters {@code iat} (Korean time, whole
 * seconds, with offset) and {@code nonce} (a UUID); Toss answers an encrypted request encrypted. A
 * payout webhook is signed {@code v1:<base64 HMAC-SHA256 of body ":" transmission time>} under the
 * same 32 bytes. Thread-safe.
 */
final class SecurityKey {

    /** A body this key cannot read: not a JWE, another scheme, or another key. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String why, Exception cause) {
            super(why, cause);
        }
    }

    private static final DateTimeFormatter ISSUED_AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
    private static final ZoneOffset KOREA = ZoneOffset.ofHours(9);

    private final byte[] key;

    SecurityKey(String securityKeyHex) {
        byte[] bytes = HexFormat.of().parseHex(securityKeyHex);
        if (bytes.length != 32) {
            throw new IllegalArgumentException("the payout security key must be 32 bytes (64 hex), got " + bytes.length);
        }
        this.key = bytes;
    }

    /** {@code json} sealed as Toss sends it: a fresh iat and nonce on every call. */
    String seal(String json) {
        String issuedAt = ZonedDateTime.now(KOREA).withNano(0).format(ISSUED_AT);
        JWEHeader header = new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                .customParam("iat", issuedAt)
                .customParam("nonce", UUID.randomUUID().toString())
                .build();
        try {
            JWEObject sealed = new JWEObject(header, new Payload(json));
            sealed.encrypt(new DirectEncrypter(key));
            return sealed.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("the emulator cannot seal a payout answer", e);
        }
    }

    /** A sealed body, opened: header and plaintext, so the caller can check iat and nonce itself. */
    JWEObject open(String compact) {
        JWEObject sealed;
        try {
            sealed = JWEObject.parse(compact.trim());
        } catch (ParseException e) {
            throw new Unreadable("the body is no JWE compact string (" + e.getMessage() + ")", e);
        }
        JWEHeader header = sealed.getHeader();
        if (!JWEAlgorithm.DIR.equals(header.getAlgorithm())) {
            throw new Unreadable("the JWE alg is " + header.getAlgorithm() + ", Toss takes dir", null);
        }
        if (!EncryptionMethod.A256GCM.equals(header.getEncryptionMethod())) {
            throw new Unreadable("the JWE enc is " + header.getEncryptionMethod() + ", Toss takes A256GCM", null);
        }
        try {
            sealed.decrypt(new DirectDecrypter(key));
        } catch (JOSEException e) {
            throw new Unreadable("the security key does not open it (" + e.getMessage() + ")", e);
        }
        return sealed;
    }

    /** The {@code tosspayments-webhook-signature} value of a payout webhook: {@code v1:} and the HMAC. */
    String webhookSignature(String body, String transmissionTime) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, hmac.getAlgorithm()));
            byte[] signed = hmac.doFinal((body + ':' + transmissionTime).getBytes(StandardCharsets.UTF_8));
            return "v1:" + Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no HmacSHA256 in this JVM", e);
        }
    }
}
