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
    protected void process(SQSEvent.SQSMessage message, Context context) throws Exception {
        JsonNode body = Json.MAPPER.readTree(message.getBody());
        if (body == null || !body.path("articleId").canConvertToLong()) {
            throw new IllegalArgumentException("not a resale check: " + message.getBody());
        }
        String leased = body.path("leasedUntil").asText(null);
        check.check(body.path("articleId").asLong(), leased == null ? null : java.time.Instant.parse(leased));
    }
}
