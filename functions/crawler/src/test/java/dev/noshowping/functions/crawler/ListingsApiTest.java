package dev.noshowping.functions.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.lambda.LocalContext;
import dev.noshowping.testkit.ApiCall;
import dev.noshowping.testkit.MarketExtension;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.SqsExtension;
import dev.noshowping.testkit.TestDatabase;
import dev.noshowping.testkit.market.MarketplaceEmulator;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /listings} over listings a real crawl of the emulator wrote; every answer checked against docs/openapi.yaml. */
@ExtendWith({PostgresExtension.class, SqsExtension.class, MarketExtension.class})
class ListingsApiTest {

    private static String tasksQueue;
    private final ListingsHandler api = new ListingsHandler();

    @BeforeAll
    static void queue() {
        tasksQueue = SqsExtension.client().createQueue(r -> r.queueName(SqsExtension.queueName("crawl-tasks-listings"))).queueUrl();
        TestDatabase.get().addServiceEnvironment(Map.of("CRAWL_TASKS_QUEUE_URL", tasksQueue));
    }

    @BeforeEach
    void crawled(DataSource ds, MarketplaceEmulator market) throws Exception {
        try (Connection c = ds.getConnection()) {
            c.createStatement().executeUpdate("insert into crawl_keyword (keyword) values ('호텔 양도'), ('펜션 양도')");
        }
        market.catalogue("호텔 양도", 23);
        market.catalogue("펜션 양도", 7);
        new CrawlFanoutHandler().handleRequest(new ScheduledEvent(), LocalContext.of("CrawlFanoutFunction", 60));
        SQSEvent tasks = SqsExtension.receiveEvent(tasksQueue);
        new CrawlWorkerHandler().handleRequest(tasks, LocalContext.of("CrawlWorkerFunction", 300));
        SqsExtension.client().purgeQueue(r -> r.queueUrl(tasksQueue));
    }

    @Test
    void pagesWalkEveryListingOfAKeywordAndSourceOnce(MarketplaceEmulator market) {
        Set<String> expected = new HashSet<>();
        market.items(MarketplaceEmulator.BUNJANG, "호텔 양도").forEach(i -> expected.add(i.id()));
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ApiCall call = ApiCall.as("reader").get("/listings").query("keyword", "호텔 양도").query("source", "BUNJANG")
                    .query("limit", 5);
            if (cursor != null) {
                call.query("cursor", cursor);
            }
            var reply = call.invoke(api);
            assertThat(reply.status()).isEqualTo(200);
            reply.json().path("items").forEach(item -> {
                assertThat(item.path("source").asText()).isEqualTo("BUNJANG");
                seen.add(item.path("externalId").asText());
            });
            cursor = reply.json().path("nextCursor").isNull() ? null : reply.json().path("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 20);

        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(pages).isEqualTo(5);   // 23 listings, 5 a page
    }

    @Test
    void filtersCombine(MarketplaceEmulator market) {
        long sold = market.items(MarketplaceEmulator.JOONGNA, "펜션 양도").stream()
                .filter(i -> i.state() == dev.noshowping.testkit.market.ListingState.SOLD).count();
        var reply = ApiCall.as("reader").get("/listings").query("keyword", "펜션 양도").query("source", "JOONGNA")
                .query("status", "SOLD").query("limit", 50).invoke(api);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("items").size()).isEqualTo((int) sold);
        reply.json().path("items").forEach(i -> assertThat(i.path("saleStatus").asText()).isEqualTo("SOLD"));
        JsonNode all = ApiCall.as("reader").get("/listings").query("limit", 50).invoke(api).json();
        assertThat(all.path("items").size()).isEqualTo(50);
        assertThat(all.path("nextCursor").isNull()).isFalse();
        assertThat(ApiCall.as("reader").get("/listings").query("keyword", "없는 키워드").invoke(api).json().path("items").size())
                .isZero();
    }

    @ParameterizedTest
    @CsvSource({
            "source, EBAY, source",
            "status, GONE, status",
            "limit, 0, limit",
            "limit, 51, limit",
            "limit, many, limit",
            "cursor, not-a-cursor, cursor",
            "sort, price, sort"})
    void badParametersAre400sNamingTheField(String name, String value, String field) {
        var reply = ApiCall.as("reader").get("/listings").query(name, value).invoke(api);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.firstErrorField()).isEqualTo(field);
    }

    @Test
    void signedInOnly() {
        assertThat(ApiCall.anonymous().get("/listings").invoke(api).status()).isEqualTo(401);
    }
}
