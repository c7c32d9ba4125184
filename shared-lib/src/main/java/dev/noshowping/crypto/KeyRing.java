package dev.noshowping.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.config.ConfigurationException;
import dev.noshowping.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The data encryption keys by id (1–255): the current one seals new values, the others only open
 * old ones. Each AES-256 key is the SHA-256 of its material (at least 16 characters). Beside them,
 * the digest key: it makes keyed digests that let equal secrets be found without opening them, so
 * it must not change when the data key rotates.
 */
public final class KeyRing {

    private static final String DIGEST_KEY_LABEL = "noshowping digest key v1:";

    private final int currentId;
    private final Map<Integer, SecretKey> keys;
    private final SecretKey digestKey;

    /** The digest key derived from the lowest key id's material, which a rotation (a higher id) keeps. */
    public KeyRing(int currentId, Map<Integer, String> material) {
        this(currentId, material, null);
    }

    /** @param digestMaterial the digest key's own material; null derives it from the lowest key id's */
    public KeyRing(int currentId, Map<Integer, String> material, String digestMaterial) {
        this.keys = new TreeMap<>();
        material.forEach((id, text) -> {
            if (id < 1 || id > 255) {
                throw new ConfigurationException("data encryption key ids are 1 to 255, not " + id);
            }
            keys.put(id, aesKey(text));
        });
        if (!keys.containsKey(currentId)) {
            throw new ConfigurationException("the current data encryption key " + currentId + " is not in the key ring");
        }
        this.currentId = currentId;
        if (digestMaterial != null && digestMaterial.length() < 16) {
            throw new ConfigurationException("the digest key must be at least 16 characters");
        }
        String base = digestMaterial != null ? digestMaterial : new TreeMap<>(material).firstEntry().getValue();
        this.digestKey = new SecretKeySpec(aesKey(DIGEST_KEY_LABEL + base).getEncoded(), "HmacSHA256");
    }

    /**
     * Plain material is key 1 alone (what a deployment before key ids had). A ring is JSON,
     * {@code {"current": 2, "keys": {"1": "old material", "2": "new material"}, "digest": "…"}};
     * {@code digest} is optional until the ring drops its lowest key, whose material it must then carry.
     */
    public static KeyRing parse(String material) {
        if (material == null || !material.strip().startsWith("{")) {
            return new KeyRing(1, Map.of(1, material == null ? "" : material));
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(material);
        } catch (IOException e) {
            throw new ConfigurationException("the data encryption key ring is not valid JSON");
        }
        Map<Integer, String> byId = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.path("keys").fields(); it.hasNext(); ) {
            var e = it.next();
            try {
                byId.put(Integer.parseInt(e.getKey()), e.getValue().asText());
            } catch (NumberFormatException notANumber) {
                throw new ConfigurationException("data encryption key ids are numbers, not '" + e.getKey() + "'");
            }
        }
        if (!json.path("current").canConvertToInt()) {
            throw new ConfigurationException("the data encryption key ring names no current key");
        }
        String digest = json.hasNonNull("digest") ? json.get("digest").asText() : null;
        return new KeyRing(json.path("current").asInt(), byId, digest);
    }

    public int currentId() {
        return currentId;
    }

    SecretKey digestKey() {
        return digestKey;
    }

    SecretKey key(int id) {
        SecretKey key = keys.get(id);
        if (key == null) {
            throw new IllegalStateException("no data encryption key " + id + " in the key ring");
        }
        return key;
    }

    private static SecretKey aesKey(String material) {
        if (material == null || material.length() < 16) {
            throw new ConfigurationException("the data encryption key must be at least 16 characters");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return new SecretKeySpec(digest, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
