package dev.noshowping.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What {@link FieldCipher} wrote before key ids: version 1, nonce, ciphertext and tag, with only the
 * column as associated data. The cipher no longer writes it; the tests write it to prove old rows
 * still read and are re-sealed (shared with other modules through shared-lib's test jar).
 */
public final class LegacySealer {

    private LegacySealer() {
    }

    public static byte[] seal(String material, String plaintext, String column) throws GeneralSecurityException {
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(MessageDigest.getInstance("SHA-256")
                .digest(material.getBytes(StandardCharsets.UTF_8)), "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(column.getBytes(StandardCharsets.UTF_8));
        byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.allocate(1 + 12 + sealed.length).put((byte) 1).put(nonce).put(sealed).array();
    }
}
