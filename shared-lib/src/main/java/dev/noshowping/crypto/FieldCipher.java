package dev.noshowping.crypto;

import dev.noshowping.config.ConfigurationException;
import dev.noshowping.config.Environment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the few values we must keep but never show in full (payout account numbers, booking
 * references): AES-256-GCM with a random 96-bit nonce. Layout: version byte, nonce, ciphertext+tag.
 * The column name ({@code aad}) is authenticated too, so a value cannot be moved to another column.
 *
 * <p>Key material: {@code DATA_ENCRYPTION_KEY} (local, tests) or the secret named by
 * {@code DATA_ENCRYPTION_KEY_SECRET_ARN} (AWS); the AES key is its SHA-256.
 */
public final class FieldCipher {

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public FieldCipher(String keyMaterial) {
        if (keyMaterial == null || keyMaterial.length() < 16) {
            throw new ConfigurationException("the data encryption key must be at least 16 characters");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyMaterial.getBytes(StandardCharsets.UTF_8));
            this.key = new SecretKeySpec(digest, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static FieldCipher from(Environment env, java.util.function.Function<String, String> secrets) {
        return env.optional("DATA_ENCRYPTION_KEY").map(FieldCipher::new).orElseGet(() -> new FieldCipher(
                secrets.apply(env.optional("DATA_ENCRYPTION_KEY_SECRET_ARN").orElseThrow(() ->
                        new ConfigurationException("set DATA_ENCRYPTION_KEY or DATA_ENCRYPTION_KEY_SECRET_ARN")))));
    }

    public byte[] encrypt(String plaintext, String aad) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(byte[] stored, String aad) {
        if (stored == null || stored.length < 1 + NONCE_BYTES + TAG_BITS / 8 || stored[0] != VERSION) {
            throw new IllegalStateException("not a value this cipher wrote");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 1, NONCE_BYTES));
            cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed: wrong key or tampered value", e);
        }
    }
}
