package dev.noshowping.crypto;

import dev.noshowping.config.ConfigurationException;
import dev.noshowping.config.Environment;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts the few values we must keep but never show in full (payout account numbers, booking
 * references): AES-256-GCM with a random 96-bit nonce.
 *
 * <p>Layout: version {@code 2}, key id (one byte), nonce, ciphertext+tag. The associated data is
 * the version and key id, the column and the row the value belongs to, so a value copied to
 * another column or another row, or relabelled with another key id, fails to decrypt. The key id
 * picks the key from the {@link KeyRing}: a rotation adds a key as current and keeps the old ones
 * for reading (docs/architecture.md, "Security").
 *
 * <p>Version {@code 1} values (written before key ids and rows were bound) are still read: key id
 * 1, the column alone as associated data. {@link #isCurrent} tells a writer to replace them.
 */
public final class FieldCipher {

    private static final byte LEGACY = 1;
    private static final byte VERSION = 2;
    private static final int LEGACY_KEY_ID = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyRing keys;

    public FieldCipher(KeyRing keys) {
        this.keys = keys;
    }

    /** One key, or a key ring in JSON ({@link KeyRing#parse}). */
    public FieldCipher(String keyMaterial) {
        this(KeyRing.parse(keyMaterial));
    }

    /** {@code DATA_ENCRYPTION_KEY} (local, tests) or the secret named by {@code DATA_ENCRYPTION_KEY_SECRET_ARN} (AWS). */
    public static FieldCipher from(Environment env, java.util.function.Function<String, String> secrets) {
        return env.optional("DATA_ENCRYPTION_KEY").map(FieldCipher::new).orElseGet(() -> new FieldCipher(
                secrets.apply(env.optional("DATA_ENCRYPTION_KEY_SECRET_ARN").orElseThrow(() ->
                        new ConfigurationException("set DATA_ENCRYPTION_KEY or DATA_ENCRYPTION_KEY_SECRET_ARN")))));
    }

    /**
     * The HMAC-SHA256 of {@code text} under the digest key: equal texts give equal digests whatever
     * data key sealed them, and the digest tells nothing of the text to whoever lacks the key.
     */
    public byte[] digest(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(keys.digestKey());
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("digest failed", e);
        }
    }

    /** {@code plaintext} sealed under the current key for {@code column} of the row named {@code row}. */
    public byte[] encrypt(String plaintext, String column, String row) {
        int keyId = keys.currentId();
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.key(keyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(keyId, column, row));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(2 + NONCE_BYTES + sealed.length)
                    .put(VERSION).put((byte) keyId).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** The plaintext, if {@code stored} was sealed for this column and row under a key of the ring. */
    public String decrypt(byte[] stored, String column, String row) {
        if (stored == null || stored.length < 1 + NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("not a value this cipher wrote");
        }
        return switch (stored[0]) {
            case VERSION -> open(stored, 2, Byte.toUnsignedInt(stored[1]), associatedData(Byte.toUnsignedInt(stored[1]), column, row));
            case LEGACY -> open(stored, 1, LEGACY_KEY_ID, column.getBytes(StandardCharsets.UTF_8));
            default -> throw new IllegalStateException("not a value this cipher wrote");
        };
    }

    /** {@code stored} opened and sealed again under the current key, for the same column and row. */
    public byte[] reseal(byte[] stored, String column, String row) {
        return encrypt(decrypt(stored, column, row), column, row);
    }

    /** The layout every value is written in now: its first byte. */
    public static final int LAYOUT = VERSION;

    /** The key new values are sealed under: the second byte of a value in {@link #LAYOUT}. */
    public int currentKeyId() {
        return keys.currentId();
    }

    /** False for a value a rewrite should replace: the legacy layout, or a key that is no longer current. */
    public boolean isCurrent(byte[] stored) {
        return stored != null && stored.length > 1 && stored[0] == VERSION && Byte.toUnsignedInt(stored[1]) == keys.currentId();
    }

    private String open(byte[] stored, int headerBytes, int keyId, byte[] aad) {
        SecretKey key = keys.key(keyId);   // an unknown key id fails here, before any decryption
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, headerBytes, NONCE_BYTES));
            cipher.updateAAD(aad);
            byte[] plain = cipher.doFinal(stored, headerBytes + NONCE_BYTES, stored.length - headerBytes - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed: wrong key, wrong row or column, or a tampered value", e);
        }
    }

    /** Version, key id, then column and row, each length-prefixed so no two pairs read the same. */
    private static byte[] associatedData(int keyId, String column, String row) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(VERSION);
        out.write(keyId);
        for (String part : new String[] {column, row}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }
}
