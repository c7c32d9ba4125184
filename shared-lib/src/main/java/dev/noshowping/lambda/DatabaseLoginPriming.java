package dev.noshowping.lambda;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The priming of the first database login after a SnapStart restore. Every function logs in to RDS
 * Proxy with SCRAM-SHA-256, and the pool is never in the snapshot, so each restored environment's
 * first connection stretches a password key: loading the JCE provider and its PBKDF2, HMAC and
 * SHA-256 classes cost a cold JVM ~35–60 ms of that connection (docs/benchmarks.md, "cold-start").
 * The priming computes the client proof of RFC 7677's own example, the same steps pgjdbc's SCRAM
 * client takes: no network, and no secret (the example's password is published). The client's
 * nonce is left out: nothing random is drawn before the snapshot.
 */
public final class DatabaseLoginPriming {

    /** RFC 7677, section 3: the proof its example's client sends. */
    static final String RFC_7677_PROOF = "dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String SALT = "W22ZaJ0SNY7soEsUEjb6gQ==";
    private static final String AUTH_MESSAGE = "n=user,r=rOprNGfwEbeRWgbNEkqO,"
            + "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=" + SALT + ",i=4096,"
            + "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    private static final AtomicBoolean REGISTERED = new AtomicBoolean();

    private DatabaseLoginPriming() {
    }

    /** Registers the priming once per environment, whichever handler asks first. */
    public static void register() {
        if (REGISTERED.compareAndSet(false, true)) {
            Priming.register("database login", DatabaseLoginPriming::clientProof);
        }
    }

    /** The example's client proof, computed as a SCRAM client computes one; base64. */
    static String clientProof() throws GeneralSecurityException {
        byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec("pencil".toCharArray(), Base64.getDecoder().decode(SALT), 4096, 256))
                .getEncoded();
        byte[] clientKey = hmac(salted, "Client Key");
        byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
        byte[] signature = hmac(storedKey, AUTH_MESSAGE);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        return Base64.getEncoder().encodeToString(proof);
    }

    private static byte[] hmac(byte[] key, String message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    }
}
