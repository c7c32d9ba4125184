package dev.noshowping.functions.crawler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.noshowping.lambda.LocalContext;
import dev.noshowping.testkit.MarketExtension;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.SqsExtension;
import dev.noshowping.testkit.Rows;
import dev.noshowping.testkit.TestDatabase;
import dev.noshowping.testkit.market.ListingState;
import dev.noshowping.testkit.market.MarketItem;
import dev.noshowping.testkit.market.MarketplaceEmulator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The crawl over real parts: the fan-out and the worker handlers, embedded Postgres, ElasticMQ for
 * the task queue, and the marketplace emulator on a real socket serving both sources' real shapes.
 */
@ExtendWith({PostgresExtension.class, SqsExtension.class, MarketExtension.class})
class CrawlPipelineTest {

    private static final String HOTEL = "호텔 양도";
    private static final String JEJU = "제주 호텔 양도";
    private static final List<String> SOURCES = List.of(MarketplaceEmulator.BUNJANG, MarketplaceEmulator.JOONGNA);
    private static String tasksQueue;

    @BeforeAll
    static void queue() {
        tasksQueue = SqsExtension.client().createQueue(r -> r.queueName(SqsExtension.queueName("crawl-tasks"))).queueUrl();
        TestDatabase.get().addServiceEnvironment(Map.of("CRAWL_TASKS_QUEUE_URL", tasksQueue));
    }

    @BeforeEach
    void emptyQueue() {
        SqsExtension.client().purgeQueue(r -> r.queueUrl(tasksQueue));
    }

    /** One scheduled run: the fan-out, then its tasks handed to the worker in one batch. */
    private static SQSBatchResponse crawl() {
        var fanout = new CrawlFanoutHandler().handleRequest(new ScheduledEvent(), LocalContext.of("CrawlFanoutFunction", 60));
        SQSEvent tasks = SqsExtension.receiveEvent(tasksQueue);
        assertThat(tasks.getRecords()).hasSize((Integer) fanout.get("tasks"));
        SQSBatchResponse response = new CrawlWorkerHandler().handleRequest(tasks, LocalContext.of("CrawlWorkerFunction", 300));
        tasks.getRecords().forEach(m -> SqsExtension.client().deleteMessage(r -> r.queueUrl(tasksQueue).receiptHandle(m.getReceiptHandle())));
        return response;
    }

    private static void keywords(DataSource ds, String... keywords) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("insert into crawl_keyword (keyword) values (?)")) {
            for (String k : keywords) {
                s.setString(1, k);
                s.executeUpdate();
            }
        }
    }



    /** source:id of every listing the keyword finds on the emulator now. */
    private static Set<String> found(MarketplaceEmulator market, String keyword) {
        Set<String> ids = new HashSet<>();
        for (String source : SOURCES) {
            market.items(source, keyword).stream().filter(i -> i.state() != ListingState.REMOVED)
                    .forEach(i -> ids.add(source + ":" + i.id()));
        }
        return ids;
    }

    /** source:id of every listing the database says the keyword found. */
    private static Set<String> provenance(DataSource ds, String keyword) throws Exception {
        return Rows.of(ds, """
                select l.source || ':' || l.external_id as key from crawled_listing l
                join listing_keyword lk on lk.listing_id = l.id join crawl_keyword k on k.id = lk.keyword_id
                where k.keyword = '%s'""".formatted(keyword)).stream().map(r -> (String) r.get("key")).collect(Collectors.toSet());
    }

    /** The page numbers a site sees for our pages 1..n: Bunjang counts from 0, Joongna from 1. */
    private static Integer[] sitePages(String source, int... ours) {
        return java.util.Arrays.stream(ours).map(p -> source.equals(MarketplaceEmulator.BUNJANG) ? p - 1 : p)
                .boxed().toArray(Integer[]::new);
    }

    private static String status(ListingState state) {
        return switch (state) {
            case SELLING -> "SELLING";
            case RESERVED -> "RESERVED";
            case SOLD -> "SOLD";
            case REMOVED -> "DELETED";
        };
    }

    @Test
    void recrawlingWithOverlapAndInventoryChangesBurnsNoIdsAndKeepsProvenance(DataSource ds, MarketplaceEmulator market)
            throws Exception {
        keywords(ds, HOTEL, JEJU);
        market.catalogue(HOTEL, 50);
        market.catalogue(JEJU, 30);
        market.overlap(HOTEL, JEJU, 10);
        Set<String> everSeen = new HashSet<>();

        for (int round = 1; round <= 3; round++) {
            if (round == 2) {
                market.churn(HOTEL, 5, 3, 2);
                market.addNew(JEJU, 25);   // more than a page: the walk must go on past page 1
                MarketItem top = market.items(MarketplaceEmulator.BUNJANG, HOTEL).stream()
                        .filter(i -> i.state() == ListingState.SELLING).findFirst().orElseThrow();
                market.sell(MarketplaceEmulator.BUNJANG, top.id());
            }
            assertThat(crawl().getBatchItemFailures()).isEmpty();
            everSeen.addAll(found(market, HOTEL));
            everSeen.addAll(found(market, JEJU));

            long count = Rows.number(ds, "select count(*) from crawled_listing");
            assertThat(count).as("round %d: every listing once", round).isEqualTo(everSeen.size());
            assertThat(Rows.number(ds, "select max(id) from crawled_listing")).as("round %d: no id burned", round).isEqualTo(count);
            assertThat(provenance(ds, HOTEL)).as("round %d", round).containsAll(found(market, HOTEL));
            assertThat(provenance(ds, JEJU)).as("round %d", round).containsAll(found(market, JEJU));
            // the overlap: the same listings carry both keywords
            assertThat(Rows.number(ds, "select count(*) from (select listing_id from listing_keyword group by listing_id having count(*) = 2) x"))
                    .isGreaterThanOrEqualTo(2L * 10);
        }

        // what the walks saw (the newest page of each source) carries the marketplace's state now
        for (String source : SOURCES) {
            for (MarketItem item : market.items(source, HOTEL).stream().filter(i -> i.state() != ListingState.REMOVED)
                    .limit(MarketExtension.PAGE_SIZE).toList()) {
                assertThat(Rows.of(ds, "select sale_status from crawled_listing where source = '%s' and external_id = '%s'"
                        .formatted(source, item.id()))).singleElement()
                        .satisfies(r -> assertThat(r.get("sale_status")).as(source + " " + item.id()).isEqualTo(status(item.state())));
            }
        }
        assertThat(Rows.number(ds, "select count(*) from crawled_listing where sale_status = 'SOLD'")).isPositive();
        assertThat(Rows.number(ds, "select count(*) from crawled_listing where last_seen_at > first_seen_at")).isPositive();
        assertThat(Rows.number(ds, "select sum(listings_updated) from crawl_task")).isPositive();
        // every run closed with its totals and queued its ops summary
        assertThat(Rows.of(ds, "select tasks, finished_at, errors from crawl_run order by id")).hasSize(3)
                .allSatisfy(r -> {
                    assertThat(r.get("tasks")).isEqualTo(4);
                    assertThat(r.get("finished_at")).isNotNull();
                    assertThat(r.get("errors")).isEqualTo(0);
                });
        assertThat(Rows.number(ds, "select count(*) from outbox where topic = 'crawl.run_finished'")).isEqualTo(3);
    }

    @Test
    void aWalkNeverFetchesPastTheFirstEmptyOrAllKnownPage(DataSource ds, MarketplaceEmulator market) throws Exception {
        keywords(ds, HOTEL);
        market.catalogue(HOTEL, 50);   // pages of 20: 20, 20, 10, then empty

        crawl();
        for (String source : SOURCES) {
            assertThat(market.searchPages(source, HOTEL)).as(source).containsExactly(sitePages(source, 1, 2, 3, 4));
        }
        assertThat(Rows.of(ds, "select stop_reason, pages_fetched, listings_new from crawl_task"))
                .allSatisfy(r -> assertThat(r).containsEntry("stop_reason", "EMPTY_PAGE").containsEntry("pages_fetched", 4)
                        .containsEntry("listings_new", 50));

        market.resetCounters();
        crawl();   // nothing changed: the first page is all known
        for (String source : SOURCES) {
            assertThat(market.searchPages(source, HOTEL)).as(source).containsExactly(sitePages(source, 1));
        }

        market.resetCounters();
        market.addNew(HOTEL, 25);   // page 1 all new, page 2 five new, page 3 all known
        crawl();
        for (String source : SOURCES) {
            assertThat(market.searchPages(source, HOTEL)).as(source).containsExactly(sitePages(source, 1, 2, 3));
        }
        assertThat(Rows.of(ds, "select stop_reason, pages_fetched, listings_new from crawl_task where run_id = (select max(id) from crawl_run)"))
                .allSatisfy(r -> assertThat(r).containsEntry("stop_reason", "ALL_KNOWN").containsEntry("pages_fetched", 3)
                        .containsEntry("listings_new", 25));
    }

    @Test
    void aRateLimitIsWaitedOutAndTheTaskFinishes(DataSource ds, MarketplaceEmulator market) throws Exception {
        keywords(ds, HOTEL);
        market.catalogue(HOTEL, 30);
        market.retryAfterSeconds(1);
        market.inject(MarketplaceEmulator.BUNJANG, MarketplaceEmulator.Fault.RATE_LIMITED, 1);

        assertThat(crawl().getBatchItemFailures()).isEmpty();

        assertThat(Rows.of(ds, "select source, status, pages_fetched from crawl_task"))
                .allSatisfy(r -> assertThat(r).containsEntry("status", "DONE").containsEntry("pages_fetched", 3));
        assertThat(market.searchPages(MarketplaceEmulator.BUNJANG, HOTEL))
                .containsExactly(sitePages(MarketplaceEmulator.BUNJANG, 1, 1, 2, 3));
    }

    @Test
    void aBrokenPageOrADeadHostFailsOnlyItsTaskAndTheRunStillCloses(DataSource ds, MarketplaceEmulator market) throws Exception {
        keywords(ds, HOTEL);
        market.catalogue(HOTEL, 30);
        market.inject(MarketplaceEmulator.JOONGNA, MarketplaceEmulator.Fault.BROKEN_PAGE, 1);
        market.inject(MarketplaceEmulator.BUNJANG, MarketplaceEmulator.Fault.SERVER_ERROR, 3);

        assertThat(crawl().getBatchItemFailures()).isEmpty();

        Map<String, Map<String, Object>> tasks = new HashMap<>();
        Rows.of(ds, "select source, status, stop_reason, error from crawl_task").forEach(r -> tasks.put((String) r.get("source"), r));
        assertThat(tasks.get("JOONGNA")).containsEntry("status", "FAILED").containsEntry("stop_reason", "ERROR");
        assertThat((String) tasks.get("JOONGNA").get("error")).contains("JOONGNA page 1").contains("Joongna");
        assertThat(tasks.get("BUNJANG")).containsEntry("status", "FAILED");
        assertThat((String) tasks.get("BUNJANG").get("error")).contains("BUNJANG page 1").contains("3 times");
        assertThat(Rows.of(ds, "select errors, finished_at from crawl_run")).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("errors", 2).extractingByKey("finished_at").isNotNull());

        // the next run reads both again
        crawl();
        assertThat(Rows.number(ds, "select count(*) from crawl_task where status = 'DONE'")).isEqualTo(2);
        assertThat(Rows.number(ds, "select count(*) from crawled_listing")).isEqualTo(60);
    }

    @Test
    void tasksRunAtOnceButNeverMoreThanTheHostLimitPerSite(DataSource ds, MarketplaceEmulator market) throws Exception {
        String[] words = {"숙박 양도", "호텔 양도", "펜션 양도", "리조트 양도", "숙소 양도"};
        keywords(ds, words);
        for (String w : words) {
            market.catalogue(w, 45);
        }
        market.latency(java.time.Duration.ofMillis(20));

        assertThat(crawl().getBatchItemFailures()).isEmpty();

        assertThat(Rows.number(ds, "select count(*) from crawl_task where status = 'DONE'")).isEqualTo(10);
        for (String source : SOURCES) {
            assertThat(market.maxConcurrent(source)).as(source).isBetween(1, 2);
        }
    }

    @Test
    void aRedeliveredTaskIsNotWalkedAgain(DataSource ds, MarketplaceEmulator market) throws Exception {
        keywords(ds, HOTEL);
        market.catalogue(HOTEL, 30);
        new CrawlFanoutHandler().handleRequest(new ScheduledEvent(), LocalContext.of("CrawlFanoutFunction", 60));
        SQSEvent tasks = SqsExtension.receiveEvent(tasksQueue);
        new CrawlWorkerHandler().handleRequest(tasks, LocalContext.of("CrawlWorkerFunction", 300));
        market.resetCounters();

        SQSBatchResponse again = new CrawlWorkerHandler().handleRequest(tasks, LocalContext.of("CrawlWorkerFunction", 300));

        assertThat(again.getBatchItemFailures()).isEmpty();
        assertThat(market.requests()).isZero();
        assertThat(Rows.number(ds, "select count(*) from crawl_task")).isEqualTo(2);
        // pages of 20: 20, 10, then the empty page, on each source, counted once
        assertThat(Rows.number(ds, "select sum(pages_fetched) from crawl_task")).isEqualTo(6);
    }

    @Test
    void aMessageThatIsNotACrawlTaskFailsAlone(DataSource ds, MarketplaceEmulator market) throws Exception {
        keywords(ds, HOTEL);
        market.catalogue(HOTEL, 5);
        new CrawlFanoutHandler().handleRequest(new ScheduledEvent(), LocalContext.of("CrawlFanoutFunction", 60));
        SQSEvent tasks = SqsExtension.receiveEvent(tasksQueue);
        SQSEvent.SQSMessage junk = new SQSEvent.SQSMessage();
        junk.setMessageId("junk");
        junk.setBody("{\"taskId\": \"x\"}");
        List<SQSEvent.SQSMessage> records = new ArrayList<>(tasks.getRecords());
        records.add(junk);
        tasks.setRecords(records);

        SQSBatchResponse response = new CrawlWorkerHandler().handleRequest(tasks, LocalContext.of("CrawlWorkerFunction", 300));

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("junk");
        assertThat(Rows.number(ds, "select count(*) from crawled_listing")).isEqualTo(10);
    }

    /** The priming before a snapshot decodes a sample of a crawl task: it must stay one the consumer reads. */
    @Test
    void thePrimingSampleIsAMessageTheConsumerReads() {
        assertThatCode(() -> new CrawlWorkerHandler().primeDecoding()).doesNotThrowAnyException();
    }
}
