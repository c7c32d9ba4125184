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
 * old ones. Each AES-256 key is the SHA-256 of its material (at least 16 characters).
 */
public final class KeyRing {

    private final int currentId;
    private final Map<Integer, SecretKey> keys;

    public KeyRing(int currentId, Map<Integer, String> material) {
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
    }

    /**
     * Plain material is key 1 alone (what a deployment before key ids had). A ring is JSON,
     * {@code {"current": 2, "keys": {"1": "old material", "2": "new material"}}}.
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
        return new KeyRing(json.path("current").asInt(), byId);
    }

    public int currentId() {
        return currentId;
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
