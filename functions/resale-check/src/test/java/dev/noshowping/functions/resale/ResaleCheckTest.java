package dev.noshowping.functions.resale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.noshowping.db.Transaction;
import dev.noshowping.json.Json;
import dev.noshowping.lambda.LocalContext;
import dev.noshowping.resale.ResaleOutcome;
import dev.noshowping.resale.ResaleRepository;
import dev.noshowping.testkit.MarketExtension;
import dev.noshowping.testkit.Marketplace;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.S3Extension;
import dev.noshowping.testkit.SqsExtension;
import dev.noshowping.testkit.Rows;
import dev.noshowping.testkit.TestDatabase;
import dev.noshowping.testkit.market.MarketItem;
import dev.noshowping.testkit.market.MarketplaceEmulator;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The 24 h sold-elsewhere check over real parts: handlers, Postgres, ElasticMQ and the marketplace emulator. */
@ExtendWith({PostgresExtension.class, S3Extension.class, SqsExtension.class, MarketExtension.class})
class ResaleCheckTest {

    private static final String KEYWORD = "호텔 양도";
    private static String checksQueue;

    @BeforeAll
    static void queue() {
        checksQueue = SqsExtension.client().createQueue(r -> r.queueName(SqsExtension.queueName("resale-checks"))).queueUrl();
        TestDatabase.get().addServiceEnvironment(Map.of("RESALE_CHECKS_QUEUE_URL", checksQueue));
    }

    @BeforeEach
    void emptyQueue(MarketplaceEmulator market) {
        SqsExtension.client().purgeQueue(r -> r.queueUrl(checksQueue));
        market.catalogue(KEYWORD, 10);
    }

    private static String url(MarketItem item) {
        return item.source().equals(MarketplaceEmulator.BUNJANG)
                ? "https://m.bunjang.co.kr/products/" + item.id()
                : "https://web.joongna.com/product/" + item.id();
    }

    /** An article on sale here, also listed at these marketplace items, whose check is due now. */
    private static long dueArticle(DataSource ds, String seller, MarketItem... items) throws Exception {
        long id = Marketplace.articleOnSale(seller, 100_000, java.util.Arrays.stream(items).map(ResaleCheckTest::url).toList());
        update(ds, "update article set next_resale_check_at = now() - interval '1 minute' where id = " + id);
        return id;
    }

    private static MarketItem item(MarketplaceEmulator market, String source, int index) {
        return market.items(source, KEYWORD).get(index);
    }

    /** One schedule firing and its messages handed to the worker; returns how many were queued. */
    private static int runChecks() {
        Map<String, Object> fanout = new ResaleFanoutHandler().handleRequest(new ScheduledEvent(), LocalContext.of("ResaleFanoutFunction", 60));
        SQSEvent event = SqsExtension.receiveEvent(checksQueue);
        assertThat(event.getRecords()).hasSize((Integer) fanout.get("queued"));
        if (!event.getRecords().isEmpty()) {
            assertThat(new ResaleWorkerHandler().handleRequest(event, LocalContext.of("ResaleWorkerFunction", 60))
                    .getBatchItemFailures()).isEmpty();
            event.getRecords().forEach(m -> SqsExtension.client().deleteMessage(r -> r.queueUrl(checksQueue).receiptHandle(m.getReceiptHandle())));
        }
        return event.getRecords().size();
    }

    private static void update(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection()) {
            c.createStatement().executeUpdate(sql);
        }
    }


    private static Map<String, Object> article(DataSource ds, long id) throws Exception {
        return Rows.of(ds, """
                select status, next_resale_check_at > now() + interval '23 hours' as next_in_a_day,
                       next_resale_check_at is null as no_next, last_resale_check_at is not null as checked
                from article where id = """ + id).getFirst();
    }

    private static List<String> outbox(DataSource ds, String topic) throws Exception {
        return Rows.of(ds, "select payload::text as p from outbox where topic = '" + topic + "' order by created_at")
                .stream().map(r -> (String) r.get("p")).toList();
    }

    @Test
    void soldOnAnotherMarketTheArticleLeavesSaleAndTheSellerIsTold(DataSource ds, MarketplaceEmulator market) throws Exception {
        MarketItem listed = item(market, MarketplaceEmulator.BUNJANG, 0);
        long id = dueArticle(ds, "seller-sold", listed);
        market.sell(MarketplaceEmulator.BUNJANG, listed.id());

        assertThat(runChecks()).isEqualTo(1);

        assertThat(article(ds, id)).containsEntry("status", "SOLD_ELSEWHERE").containsEntry("no_next", true);
        assertThat(Rows.of(ds, "select observed_status, outcome from resale_check")).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("observed_status", "SOLD").containsEntry("outcome", "SOLD_ELSEWHERE"));
        assertThat(outbox(ds, "article.sold_elsewhere")).singleElement().satisfies(p -> {
            var json = Json.MAPPER.readTree(p);
            assertThat(json.path("articleId").asLong()).isEqualTo(id);
            assertThat(json.path("marketplace").asText()).isEqualTo("번개장터");
            assertThat(json.path("sellerUserId").asLong()).isPositive();
        });
        assertThat(market.detailRequests(MarketplaceEmulator.BUNJANG)).containsExactly(listed.id());
        assertThat(runChecks()).as("no longer on sale: never checked again").isZero();
    }

    @Test
    void reservedElsewhereTheSellerGetsTheProductCheck(DataSource ds, MarketplaceEmulator market) throws Exception {
        MarketItem listed = item(market, MarketplaceEmulator.JOONGNA, 1);
        long id = dueArticle(ds, "seller-reserved", listed);
        market.reserve(MarketplaceEmulator.JOONGNA, listed.id());

        runChecks();

        assertThat(article(ds, id)).containsEntry("status", "ON_SALE").containsEntry("next_in_a_day", true)
                .containsEntry("checked", true);
        assertThat(Rows.of(ds, "select observed_status, outcome from resale_check")).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("observed_status", "RESERVED").containsEntry("outcome", "STILL_LISTED"));
        assertThat(outbox(ds, "article.recheck")).hasSize(1);
        assertThat(outbox(ds, "article.sold_elsewhere")).isEmpty();
    }

    @Test
    void stillSellingNothingIsSentAndTheNextCheckIsADayAway(DataSource ds, MarketplaceEmulator market) throws Exception {
        long id = dueArticle(ds, "seller-selling", item(market, MarketplaceEmulator.BUNJANG, 2), item(market, MarketplaceEmulator.JOONGNA, 2));

        assertThat(runChecks()).isEqualTo(1);
        assertThat(runChecks()).as("not due again right away").isZero();

        assertThat(article(ds, id)).containsEntry("status", "ON_SALE").containsEntry("next_in_a_day", true);
        assertThat(Rows.of(ds, "select outcome from resale_check")).hasSize(2)
                .allSatisfy(r -> assertThat(r).containsEntry("outcome", "STILL_LISTED"));
        assertThat(outbox(ds, "article.recheck")).isEmpty();
    }

    @Test
    void aMessageDeliveredAgainAfterItsCheckWasDoneChecksNothingTwice(DataSource ds, MarketplaceEmulator market) throws Exception {
        MarketItem listed = item(market, MarketplaceEmulator.BUNJANG, 3);
        dueArticle(ds, "seller-twice", listed);
        new ResaleFanoutHandler().handleRequest(new ScheduledEvent(), LocalContext.of("ResaleFanoutFunction", 60));
        SQSEvent queued = SqsExtension.receiveEvent(checksQueue);
        var worker = new ResaleWorkerHandler();
        worker.handleRequest(queued, LocalContext.of("ResaleWorkerFunction", 60));
        // SQS delivers at least once: the same message again (its deletion lost, or a duplicate)
        assertThat(worker.handleRequest(queued, LocalContext.of("ResaleWorkerFunction", 60)).getBatchItemFailures()).isEmpty();

        assertThat(market.detailRequests(MarketplaceEmulator.BUNJANG)).as("the listing looked up once").containsExactly(listed.id());
        assertThat(Rows.of(ds, "select outcome from resale_check")).hasSize(1);
    }

    @Test
    void anArticleABuyerHoldsIsNotTakenAwayWhenItSoldElsewhere(DataSource ds, MarketplaceEmulator market) throws Exception {
        MarketItem listed = item(market, MarketplaceEmulator.BUNJANG, 3);
        long id = dueArticle(ds, "seller-held", listed);
        market.sell(MarketplaceEmulator.BUNJANG, listed.id());
        new ResaleFanoutHandler().handleRequest(new ScheduledEvent(), LocalContext.of("ResaleFanoutFunction", 60));
        SQSEvent queued = SqsExtension.receiveEvent(checksQueue);
        // a buyer holds it between the fan-out and the worker
        new dev.noshowping.order.HoldArticle(dev.noshowping.db.Database::dataSource, dev.noshowping.order.HoldLimits.DEFAULT,
                dev.noshowping.order.OrderPolicy.DEFAULT, java.time.Clock.systemUTC())
                .hold(new dev.noshowping.identity.Caller("buyer-held", dev.noshowping.identity.Role.USER),
                        new dev.noshowping.order.NewOrder(id, "김민수", null));

        new ResaleWorkerHandler().handleRequest(queued, LocalContext.of("ResaleWorkerFunction", 60));

        assertThat(article(ds, id)).containsEntry("status", "RESERVED");
        assertThat(outbox(ds, "article.sold_elsewhere")).isEmpty();
    }

    @Test
    void aRemovedListingAndAnUnreachableMarketAreRecordedAndTheArticleStays(DataSource ds, MarketplaceEmulator market)
            throws Exception {
        MarketItem removed = item(market, MarketplaceEmulator.JOONGNA, 4);
        MarketItem unreachable = item(market, MarketplaceEmulator.BUNJANG, 4);
        long id = dueArticle(ds, "seller-gone", removed, unreachable);
        market.remove(MarketplaceEmulator.JOONGNA, removed.id());
        market.inject(MarketplaceEmulator.BUNJANG, MarketplaceEmulator.Fault.SERVER_ERROR, 3);

        runChecks();

        assertThat(article(ds, id)).containsEntry("status", "ON_SALE").containsEntry("next_in_a_day", true);
        assertThat(Rows.of(ds, "select l.source, c.observed_status, c.outcome from resale_check c join external_link l on l.id = c.external_link_id"))
                .hasSize(2)
                .anySatisfy(r -> assertThat(r).containsEntry("source", "JOONGNA").containsEntry("observed_status", "DELETED")
                        .containsEntry("outcome", "LISTING_GONE"))
                .anySatisfy(r -> assertThat(r).containsEntry("source", "BUNJANG").containsEntry("observed_status", null)
                        .containsEntry("outcome", "ERROR"));
    }

    @Test
    void onlyArticlesOnSaleDueAndLinkedAreQueued(DataSource ds, MarketplaceEmulator market) throws Exception {
        long due = dueArticle(ds, "seller-a", item(market, MarketplaceEmulator.BUNJANG, 5));
        long notDue = Marketplace.articleOnSale("seller-b", 90_000, List.of(url(item(market, MarketplaceEmulator.BUNJANG, 6))));
        long noLinks = Marketplace.articleOnSale("seller-c", 80_000);
        update(ds, "update article set next_resale_check_at = now() - interval '1 minute' where id = " + noLinks);
        long withdrawn = dueArticle(ds, "seller-d", item(market, MarketplaceEmulator.BUNJANG, 7));
        update(ds, "update article set status = 'WITHDRAWN' where id = " + withdrawn);

        assertThat(runChecks()).isEqualTo(1);
        assertThat(Rows.of(ds, "select distinct article_id from resale_check")).singleElement()
                .satisfies(r -> assertThat(r.get("article_id")).isEqualTo(due));
        assertThat(article(ds, notDue)).containsEntry("checked", false);
    }

    /**
     * An article its seller linked nowhere, and a crawled listing of {@code item} titled {@code title}
     * at its price, seen just now; the test article is at 오션리조트, 21 days ahead, 100 000.
     */
    private static long dueWithGuess(DataSource ds, String seller, MarketItem item, String title) throws Exception {
        long id = Marketplace.articleOnSale(seller, 100_000);
        update(ds, "update article set next_resale_check_at = now() - interval '1 minute' where id = " + id);
        update(ds, """
                insert into crawled_listing (source, external_id, title, price, url, sale_status)
                values ('%s', '%s', '%s', 100000, '%s', 'SELLING')""".formatted(item.source(),
                item.id(), title, url(item)));
        return id;
    }

    private static String checkInDay() {
        var in = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Seoul")).plusDays(21);
        return in.getMonthValue() + "/" + in.getDayOfMonth();
    }

    @Test
    void aConfidentGuessSoldElsewhereAsksTheSellerOnceAndLeavesTheArticleOnSale(DataSource ds, MarketplaceEmulator market)
            throws Exception {
        MarketItem guess = item(market, MarketplaceEmulator.BUNJANG, 3);
        long id = dueWithGuess(ds, "seller-guess", guess, "오션리조트 " + checkInDay() + " 양도");
        market.sell(MarketplaceEmulator.BUNJANG, guess.id());

        assertThat(runChecks()).isEqualTo(1);

        assertThat(article(ds, id)).as("a guess never takes the article off sale")
                .containsEntry("status", "ON_SALE").containsEntry("next_in_a_day", true);
        assertThat(Rows.of(ds, """
                select rc.observed_status, rc.outcome, rc.external_link_id is null as no_link, l.external_id
                from resale_check rc join crawled_listing l on l.id = rc.crawled_listing_id""")).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("observed_status", "SOLD").containsEntry("outcome", "SIMILAR_SOLD")
                        .containsEntry("no_link", true).containsEntry("external_id", guess.id()));
        assertThat(outbox(ds, "article.recheck")).hasSize(1);
        assertThat(outbox(ds, "article.sold_elsewhere")).isEmpty();
        List<ResaleRepository.Check> staffSee = Transaction.read(ds,
                c -> ResaleRepository.page(c, ResaleOutcome.SIMILAR_SOLD, Long.MAX_VALUE, 10));
        assertThat(staffSee).as("staff see it with its listing").singleElement()
                .satisfies(check -> assertThat(check.url()).isEqualTo(url(guess)));

        update(ds, "update article set next_resale_check_at = now() - interval '1 minute' where id = " + id);
        assertThat(runChecks()).isEqualTo(1);
        assertThat(market.detailRequests(MarketplaceEmulator.BUNJANG)).as("asked about once").containsExactly(guess.id());
        assertThat(outbox(ds, "article.recheck")).hasSize(1);
    }

    @Test
    void aGuessWhoseTitleNamesNoDayIsNotLookedUp(DataSource ds, MarketplaceEmulator market) throws Exception {
        MarketItem guess = item(market, MarketplaceEmulator.JOONGNA, 3);
        long id = dueWithGuess(ds, "seller-loose", guess, "오션리조트 양도");
        market.sell(MarketplaceEmulator.JOONGNA, guess.id());

        assertThat(runChecks()).as("a listing names its place: the worker decides").isEqualTo(1);

        assertThat(market.detailRequests(MarketplaceEmulator.JOONGNA)).isEmpty();
        assertThat(Rows.of(ds, "select id from resale_check")).isEmpty();
        assertThat(article(ds, id)).containsEntry("status", "ON_SALE").containsEntry("next_in_a_day", true);
        assertThat(outbox(ds, "article.recheck")).isEmpty();
    }

    /** The priming before a snapshot decodes a sample of a resale check: it must stay one the consumer reads. */
    @Test
    void thePrimingSampleIsAMessageTheConsumerReads() {
        assertThatCode(() -> new ResaleWorkerHandler().primeDecoding()).doesNotThrowAnyException();
    }
}
