package dev.noshowping.functions.resale;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.config.Environment;
import dev.noshowping.crawl.CrawlSettings;
import dev.noshowping.crawl.MarketClient;
import dev.noshowping.db.Database;
import dev.noshowping.json.Json;
import dev.noshowping.lambda.Lazy;
import dev.noshowping.lambda.SqsBatchFunction;
import dev.noshowping.resale.CheckResale;
import java.io.IOException;
import java.time.Instant;

/**
 * Consumes {@code resale-checks} ({@code {"articleId": n, "leasedUntil": "…"}}): the batch's articles are checked at
 * once, the marketplaces' per-host limits shared through one {@link MarketClient}.
 */
public final class ResaleWorkerHandler extends SqsBatchFunction {

    private final CheckResale check = new CheckResale(Database::dataSource,
            Lazy.of(() -> new MarketClient(CrawlSettings.from(Environment.current()))));

    @Override
    protected boolean concurrentRecords() {
        return true;
    }

    @Override
    protected void primeDecoding() {
        decode("{\"articleId\":1,\"leasedUntil\":\"2026-01-01T00:00:00Z\"}");
    }

    @Override
    protected void process(SQSEvent.SQSMessage message, Context context) throws Exception {
        Due due = decode(message.getBody());
        check.check(due.articleId(), due.leasedUntil());
    }

    /** One message: the article, and the end of the lease it was queued under (absent in older ones). */
    record Due(long articleId, Instant leasedUntil) {
    }

    static Due decode(String body) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a resale check: " + body, e);
        }
        if (node == null || !node.path("articleId").canConvertToLong()) {
            throw new IllegalArgumentException("not a resale check: " + body);
        }
        String leased = node.path("leasedUntil").asText(null);
        return new Due(node.path("articleId").asLong(), leased == null ? null : Instant.parse(leased));
    }
}
