package dev.noshowping.crawl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.json.Json;
import java.io.IOException;

/** A {@code crawl-tasks} message: one (source, keyword) of one run. */
public record CrawlTaskMessage(long runId, long taskId, MarketSource source, long keywordId, String keyword) {

    public String toJson() {
        return Json.write(this);
    }

    /** {@link IllegalArgumentException} for a body that is not one: retrying cannot help it. */
    public static CrawlTaskMessage parse(String body) {
        try {
            JsonNode n = Json.MAPPER.readTree(body == null ? "" : body);
            if (n == null || !n.path("taskId").canConvertToLong() || !n.path("runId").canConvertToLong()
                    || !n.path("keywordId").canConvertToLong() || n.path("keyword").asText("").isBlank()) {
                throw new IllegalArgumentException("not a crawl task: " + body);
            }
            return new CrawlTaskMessage(n.path("runId").asLong(), n.path("taskId").asLong(),
                    MarketSource.valueOf(n.path("source").asText("")), n.path("keywordId").asLong(), n.path("keyword").asText());
        } catch (IOException e) {
            throw new IllegalArgumentException("crawl task is not JSON", e);
        }
    }
}
