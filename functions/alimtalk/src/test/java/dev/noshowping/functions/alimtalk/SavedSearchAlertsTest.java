package dev.noshowping.functions.alimtalk;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.noshowping.db.Database;
import dev.noshowping.identity.Caller;
import dev.noshowping.identity.Role;
import dev.noshowping.lambda.Deadline;
import dev.noshowping.lambda.LocalContext;
import dev.noshowping.outbox.OutboxPublisher;
import dev.noshowping.savedsearch.SavedSearchAlerts;
import dev.noshowping.savedsearch.SavedSearchRequest;
import dev.noshowping.savedsearch.SavedSearches;
import dev.noshowping.testkit.Marketplace;
import dev.noshowping.testkit.NotifyExtension;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.Rows;
import dev.noshowping.testkit.S3Extension;
import dev.noshowping.testkit.SqsExtension;
import dev.noshowping.testkit.notify.ReceivedMessage;
import dev.noshowping.testkit.notify.SolapiEmulator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Saved searches told of what they match, over real parts: articles put on sale and crawl runs
 * finished write outbox rows, the notifications consumer matches them as it consumes them, the
 * maintenance chore writes the owners' messages to the outbox, and the consumer sends those to the
 * SOLAPI emulator. Every article of {@link Marketplace#articleOnSale} is "강릉 오션뷰 리조트 양도" at
 * 오션리조트 (GANGWON), two nights from 21 days ahead, for two guests.
 */
@ExtendWith({PostgresExtension.class, S3Extension.class, SqsExtension.class, NotifyExtension.class})
class SavedSearchAlertsTest {

    private static final String DIGEST = "NSP_SAVED_SEARCH_DIGEST";
    private static final String ONE_ARTICLE = "NSP_SAVED_SEARCH_ARTICLE";

    final SavedSearches searches = new SavedSearches(Database::dataSource);

    /** The maintenance chore as it runs at {@code later} from now. */
    static void tellOwners(Duration later) {
        new SavedSearchAlerts(Database::dataSource, Clock.offset(Clock.systemUTC(), later)).run(Deadline.NONE);
    }

    /** Publishes what the outbox holds and has the consumer take it, as the relay and the event source do. */
    static SQSEvent relayAndConsume() {
        OutboxPublisher.current().orElseThrow().publish(100);
        SQSEvent event = SqsExtension.receiveNotificationsEvent();
        consume(event);
        return event;
    }

    static void consume(SQSEvent event) {
        SQSBatchResponse response = new NotificationConsumer().handleRequest(event, LocalContext.of("AlimtalkFunction", 30));
        assertThat(response.getBatchItemFailures()).isEmpty();
    }

    long save(String owner, String phone, SavedSearchRequest criteria) {
        return searches.create(new Caller(owner, Role.USER, phone), criteria).id();
    }

    static SavedSearchRequest words(String q, Long maxPrice) {
        return new SavedSearchRequest(q, null, null, null, null, null, null, null, maxPrice);
    }

    static List<ReceivedMessage> sent(SolapiEmulator solapi, String template) {
        return solapi.messages().stream().filter(m -> m.templateId().equals(template)).toList();
    }

    @Test
    void anArticleTellsTheOwnersOfTheSearchesItMatchesOnceEach(SolapiEmulator solapi, DataSource ds) throws Exception {
        long byWords = save("buyer-a", "+821011110001", words("강릉 오션", 150_000L));
        long byRegion = save("buyer-b", "+821011110002",
                new SavedSearchRequest(null, "GANGWON", null, null, null, null, 2L, null, null));
        save("buyer-c", "+821011110003", words("강릉", 100_000L));   // the price is above

        long article = Marketplace.articleOnSale("seller-kim", 120_000);
        SQSEvent published = relayAndConsume();

        assertThat(Rows.of(ds, "select saved_search_id, item_kind, item_id from saved_search_match order by saved_search_id"))
                .extracting(r -> r.get("saved_search_id") + " " + r.get("item_kind") + " " + r.get("item_id"))
                .containsExactly(byWords + " ARTICLE " + article, byRegion + " ARTICLE " + article);
        assertThat(sent(solapi, ONE_ARTICLE)).as("nothing before the maintenance run tells them").isEmpty();

        tellOwners(Duration.ZERO);
        relayAndConsume();

        assertThat(sent(solapi, ONE_ARTICLE)).extracting(ReceivedMessage::to)
                .containsExactlyInAnyOrder("01011110001", "01011110002");
        assertThat(sent(solapi, ONE_ARTICLE)).allSatisfy(m -> {
            assertThat(m.variables()).containsEntry("#{articleId}", Long.toString(article))
                    .containsEntry("#{salePrice}", "120,000");
            assertThat(m.buttons().toString()).contains("/articles/" + article);
        });
        assertThat(sent(solapi, ONE_ARTICLE).stream().filter(m -> m.to().equals("01011110001")).findFirst().orElseThrow()
                .variables()).containsEntry("#{searchLabel}", "강릉 오션 · ~150,000원");

        // the same article.published delivered again, and the chore run again much later
        consume(published);
        tellOwners(Duration.ofHours(1));
        relayAndConsume();
        assertThat(Rows.number(ds, "select count(*) from saved_search_match")).isEqualTo(2);
        assertThat(sent(solapi, ONE_ARTICLE)).as("no second message").hasSize(2);
        assertThat(Rows.number(ds, "select count(*) from notification where template = 'SAVED_SEARCH_ARTICLE'")).isEqualTo(2);
    }

    @Test
    void matchesWithinTheWindowGoOutAsOneDigest(SolapiEmulator solapi) {
        long search = save("buyer-a", "+821011110001", words("오션리조트", null));
        for (int i = 0; i < 3; i++) {
            Marketplace.articleOnSale("seller-" + i, 100_000 + i);
        }
        relayAndConsume();

        tellOwners(Duration.ZERO);
        relayAndConsume();

        assertThat(sent(solapi, DIGEST)).singleElement().satisfies(m -> {
            assertThat(m.to()).isEqualTo("01011110001");
            assertThat(m.variables()).containsEntry("#{count}", "3").containsEntry("#{searchLabel}", "오션리조트")
                    .containsEntry("#{firstTitle}", "강릉 오션뷰 리조트 양도");
            assertThat(m.buttons().toString()).contains("/saved-searches/" + search);
        });

        // one more while the window since that message is open: it waits, then goes out alone
        long fourth = Marketplace.articleOnSale("seller-4", 90_000);
        relayAndConsume();
        tellOwners(Duration.ofMinutes(1));
        relayAndConsume();
        assertThat(sent(solapi, ONE_ARTICLE)).as("inside the window").isEmpty();

        tellOwners(SavedSearchAlerts.DIGEST_WINDOW.plusMinutes(1));
        relayAndConsume();
        assertThat(sent(solapi, ONE_ARTICLE)).singleElement()
                .satisfies(m -> assertThat(m.variables()).containsEntry("#{articleId}", Long.toString(fourth)));
        assertThat(sent(solapi, DIGEST)).hasSize(1);
    }

    @Test
    void listingsACrawlRunStoredFirstMatchOnTitleAndPrice(SolapiEmulator solapi, DataSource ds) throws Exception {
        long search = save("buyer-a", "+821011110001", words("강릉 오션뷰", 150_000L));
        save("buyer-b", "+821011110002", new SavedSearchRequest(null, "GANGWON", null, null, null, null, null, null, null));
        long phoneless = save("buyer-c", null, words("오션뷰", null));
        long keyword = Rows.number(ds, "insert into crawl_keyword (keyword) values ('호텔 양도') returning id");
        long earlier = Rows.number(ds, "insert into crawl_run (trigger) values ('SCHEDULE') returning id");
        long run = Rows.number(ds, "insert into crawl_run (trigger) values ('SCHEDULE') returning id");
        long cheap = listing(ds, "b-1", "강릉 오션뷰 호텔 양도합니다", 100_000, "SELLING", keyword, run);
        listing(ds, "b-2", "강릉 오션뷰 스위트 양도", 200_000, "SELLING", keyword, run);      // above the price
        listing(ds, "b-3", "서울 시그니엘 양도", 100_000, "SELLING", keyword, run);          // other words
        listing(ds, "b-4", "강릉 오션뷰 급처", 90_000, "SOLD", keyword, run);                // no longer for sale
        listing(ds, "b-5", "강릉 오션뷰 지난주 글", 90_000, "SELLING", keyword, earlier);    // stored by an earlier run
        Rows.execute(ds, "insert into outbox (topic, payload) values ('crawl.run_finished', jsonb_build_object("
                + "'runId', " + run + ", 'tasks', 2, 'failedTasks', 0, 'listings', 5, 'newListings', 4, 'seconds', 30))");

        relayAndConsume();
        tellOwners(Duration.ZERO);
        relayAndConsume();

        assertThat(Rows.of(ds, "select saved_search_id, item_id from saved_search_match order by saved_search_id"))
                .extracting(r -> r.get("saved_search_id") + " " + r.get("item_id"))
                .as("a search without words matches no listing")
                .containsExactlyInAnyOrder(search + " " + cheap, phoneless + " " + cheap,
                        phoneless + " " + Rows.number(ds, "select id from crawled_listing where external_id = 'b-2'"));
        assertThat(sent(solapi, DIGEST)).singleElement().satisfies(m -> {
            assertThat(m.to()).isEqualTo("01011110001");
            assertThat(m.variables()).containsEntry("#{count}", "1").containsEntry("#{firstTitle}", "강릉 오션뷰 호텔 양도합니다");
        });
        assertThat(Rows.of(ds, "select status, recipient from notification where template = 'SAVED_SEARCH_DIGEST' order by id"))
                .extracting(r -> r.get("status") + " " + r.get("recipient"))
                .as("an owner without a verified phone is recorded as not sendable")
                .containsExactlyInAnyOrder("SENT +821011110001", "SKIPPED user:" + Rows.number(ds,
                        "select user_id from saved_search where id = " + phoneless));
    }

    @Test
    void aDeletedSearchGetsNothing(SolapiEmulator solapi, DataSource ds) throws Exception {
        Caller owner = new Caller("buyer-a", Role.USER, "+821011110001");
        long before = searches.create(owner, words("강릉", null)).id();
        searches.delete(owner, before);
        long after = searches.create(owner, words("오션뷰", null)).id();

        Marketplace.articleOnSale("seller-kim", 120_000);
        relayAndConsume();
        assertThat(Rows.of(ds, "select saved_search_id from saved_search_match")).extracting(r -> r.get("saved_search_id"))
                .containsExactly(after);
        searches.delete(owner, after);   // matched, not told yet
        tellOwners(Duration.ZERO);
        relayAndConsume();

        assertThat(sent(solapi, ONE_ARTICLE)).isEmpty();
        assertThat(sent(solapi, DIGEST)).isEmpty();
        assertThat(Rows.number(ds, "select count(*) from saved_search_match")).isZero();
    }

    private static long listing(DataSource ds, String externalId, String title, long price, String status, long keyword,
                                long run) throws Exception {
        long id = Rows.number(ds, """
                insert into crawled_listing (source, external_id, title, price, url, sale_status)
                values ('BUNJANG', '%s', '%s', %d, 'https://m.bunjang.co.kr/products/%s', '%s') returning id"""
                .formatted(externalId, title, price, externalId, status));
        Rows.execute(ds, "insert into listing_keyword (listing_id, keyword_id, first_run_id) values (%d, %d, %d)"
                .formatted(id, keyword, run));
        return id;
    }
}
