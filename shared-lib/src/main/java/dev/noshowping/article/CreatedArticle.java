package dev.noshowping.article;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.json.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a create's answer holds that its request does not: the article's id and times, its seller as
 * they were. Stored as an Idempotency-Key's answer seed: a repeat carries the same request, so the
 * answer is rebuilt from the two byte for byte.
 */
public record CreatedArticle(long articleId, Instant createdAt, Instant updatedAt, long merchantId,
                             String merchantName) {

    public String seed() {
        Map<String, Object> seed = new LinkedHashMap<>();
        seed.put("articleId", articleId);
        seed.put("createdAt", createdAt.toString());
        seed.put("updatedAt", updatedAt.toString());
        seed.put("merchantId", merchantId);
        seed.put("merchantName", merchantName);
        return Json.write(seed);
    }

    /** A seed as {@link #seed} writes it, or as PostgreSQL wrote it before (timestamps as {@code …+00:00}). */
    public static CreatedArticle fromSeed(String json) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored answer seed is not JSON", e);
        }
        return new CreatedArticle(n.get("articleId").asLong(), instant(n.get("createdAt").asText()),
                instant(n.get("updatedAt").asText()), n.get("merchantId").asLong(), n.get("merchantName").asText());
    }

    private static Instant instant(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }
}
