package dev.noshowping.functions.alimtalk;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.noshowping.admin.StaffNote;
import dev.noshowping.article.ArticleChanges;
import dev.noshowping.article.ArticleModeration;
import dev.noshowping.article.ArticlePatch;
import dev.noshowping.config.Environment;
import dev.noshowping.db.Database;
import dev.noshowping.identity.Caller;
import dev.noshowping.identity.Role;
import dev.noshowping.lambda.LocalContext;
import dev.noshowping.order.OrderEvent;
import dev.noshowping.order.OrderPolicy;
import dev.noshowping.order.PaymentSettlement;
import dev.noshowping.outbox.OutboxPublisher;
import dev.noshowping.testkit.Marketplace;
import dev.noshowping.testkit.NotifyExtension;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.Rows;
import dev.noshowping.testkit.S3Extension;
import dev.noshowping.testkit.SqsExtension;
import dev.noshowping.testkit.notify.ReceivedMessage;
import dev.noshowping.testkit.notify.SolapiEmulator;
import dev.noshowping.watch.ArticleWatches;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Watches end to end: a price drop or a return to sale writes one outbox row in its own transaction;
 * the notifications consumer fans it out as one row per watcher, each delivered by alimtalk to the
 * SOLAPI emulator once, however often the messages arrive.
 */
@ExtendWith({PostgresExtension.class, S3Extension.class, SqsExtension.class, NotifyExtension.class})
class WatchNotificationTest {

    private static final Caller SELLER = new Caller("seller-kim", Role.USER, "+821055551234");
    private static final Caller ANNA = new Caller("watcher-anna", Role.USER, "+821011110001");
    private static final Caller BORA = new Caller("watcher-bora", Role.USER, "+821011110002");
    private static final Caller NO_PHONE = new Caller("watcher-nophone", Role.USER, null);
    private static final Caller STRANGER = new Caller("stranger", Role.USER, "+821011110009");

    private final ArticleWatches watches = new ArticleWatches(Database::dataSource);
    private final ArticleChanges changes = new ArticleChanges(Database::dataSource);

    private static SQSBatchResponse consume(SQSEvent event) {
        return new NotificationConsumer().handleRequest(event, LocalContext.of("AlimtalkFunction", 30));
    }

    /**
     * Publishes and consumes until nothing is left (an event, then its watchers' notices); returns
     * every batch consumed, to deliver again.
     */
    private static List<SQSEvent> deliverAll() {
        List<SQSEvent> consumed = new ArrayList<>();
        while (true) {
            OutboxPublisher.current().orElseThrow().publish(100);
            SQSEvent event = SqsExtension.receiveNotificationsEvent();
            if (event.getRecords().isEmpty()) {
                return consumed;
            }
            assertThat(consume(event).getBatchItemFailures()).isEmpty();
            consumed.add(event);
        }
    }

    private static List<String> alimtalks(SolapiEmulator solapi, String templateId) {
        return solapi.messages().stream().filter(m -> m.templateId().equals(templateId)).map(ReceivedMessage::to).toList();
    }

    /** The article held by {@code buyer}'s order in {@code status}, as a hold leaves them; returns the order's id. */
    private static long held(DataSource ds, long article, long buyer, String status, String holdExpiresAt) throws Exception {
        return Rows.number(ds, """
                with held as (update article set status = 'RESERVED', version = version + 1 where id = %1$d returning id)
                insert into orders (origin_order_id, article_id, buyer_user_id, seller_user_id, amount, status, hold_expires_at)
                select 'ord_hold_%1$d', a.id, %2$d, m.user_id, a.sale_price, '%3$s', %4$s
                from article a join merchant m on m.id = a.merchant_id join held on held.id = a.id
                returning id""".formatted(article, buyer, status, holdExpiresAt));
    }

    /** What the maintenance schedule and the confirm use to end an unpaid order. */
    private static PaymentSettlement settlement() {
        return new PaymentSettlement(Database::dataSource, OrderPolicy.from(Environment.current()));
    }

    private void patchPrice(long article, int version, long price) {
        changes.patch(SELLER, article, new ArticlePatch(version, null, null, price));
    }

    @Test
    void aPriceDropTellsEachWatcherOnceAndTheSellerNothing(DataSource ds, SolapiEmulator solapi) throws Exception {
        long article = Marketplace.articleOnSale(SELLER.subject(), 200_000);
        long other = Marketplace.articleOnSale(SELLER.subject(), 150_000);
        watches.watch(ANNA, article);
        watches.watch(ANNA, article);   // twice is one watch
        watches.watch(BORA, article);
        watches.watch(NO_PHONE, article);
        watches.watch(STRANGER, other);
        deliverAll();
        solapi.reset();
        dev.noshowping.testkit.notify.NotificationChannels.registerTemplates(solapi);

        patchPrice(article, 0, 180_000);
        List<SQSEvent> delivered = deliverAll();

        assertThat(alimtalks(solapi, "NSP_WATCHED_PRICE_DROPPED")).containsExactlyInAnyOrder("01011110001", "01011110002");
        assertThat(solapi.messages()).as("the seller and the watcher of another article hear nothing").hasSize(2);
        ReceivedMessage sent = solapi.messages().getFirst();
        assertThat(sent.variables()).containsEntry("#{previousPrice}", "200,000").containsEntry("#{salePrice}", "180,000")
                .containsEntry("#{articleId}", Long.toString(article));
        assertThat(sent.buttons().toString()).contains("/articles/" + article);
        assertThat(Rows.of(ds, """
                select n.status, n.recipient from notification n join outbox o on o.id = n.outbox_id
                where o.topic = 'watch.price_dropped' order by n.recipient""")).extracting(r -> r.get("status") + " " + r.get("recipient"))
                .as("a watcher without a verified phone is recorded as not sendable")
                .containsExactly("SENT +821011110001", "SENT +821011110002",
                        "SKIPPED user:" + Rows.number(ds, "select id from app_user where external_subject = 'watcher-nophone'"));

        // the same messages again, as SQS may redeliver them: nothing more is sent or written
        delivered.forEach(event -> assertThat(consume(event).getBatchItemFailures()).isEmpty());
        assertThat(deliverAll()).as("no new outbox rows").isEmpty();
        assertThat(solapi.messages()).hasSize(2);
        assertThat(Rows.number(ds, "select count(*) from watch_notice")).isEqualTo(3);

        // a raise tells nobody; a later drop is a new event, told again
        patchPrice(article, 1, 190_000);
        assertThat(deliverAll()).isEmpty();
        patchPrice(article, 2, 170_000);
        deliverAll();
        assertThat(alimtalks(solapi, "NSP_WATCHED_PRICE_DROPPED")).hasSize(4);
    }

    @Test
    void anUnwatchedArticleWritesNoEventAndAnUnwatchedUserHearsNothing(DataSource ds, SolapiEmulator solapi) throws Exception {
        long article = Marketplace.articleOnSale(SELLER.subject(), 200_000);
        watches.watch(ANNA, article);
        watches.unwatch(ANNA, article);
        watches.unwatch(ANNA, article);   // idempotent
        deliverAll();
        patchPrice(article, 0, 180_000);
        assertThat(Rows.number(ds, "select count(*) from outbox where topic like 'article.price_dropped'")).isZero();
        deliverAll();
        assertThat(alimtalks(solapi, "NSP_WATCHED_PRICE_DROPPED")).isEmpty();
    }

    @Test
    void anExpiredHoldPutsTheArticleBackOnSaleAndItsWatchersButTheBuyerAreToldOnce(DataSource ds, SolapiEmulator solapi)
            throws Exception {
        long article = Marketplace.articleOnSale(SELLER.subject(), 200_000);
        watches.watch(ANNA, article);
        watches.watch(BORA, article);
        long bora = Rows.number(ds, "select id from app_user where external_subject = 'watcher-bora'");
        // Bora held it and let the hold run out (the maintenance schedule's hold expiry, below)
        long order = held(ds, article, bora, "PENDING", "now() - interval '1 minute'");
        deliverAll();

        assertThat(settlement().end(order, OrderEvent.HOLD_EXPIRED, "hold expired")).isTrue();
        List<SQSEvent> delivered = deliverAll();

        assertThat(Rows.text(ds, "select status from article where id = " + article)).isEqualTo("ON_SALE");
        assertThat(alimtalks(solapi, "NSP_WATCHED_BACK_ON_SALE")).as("Bora hears of her own hold's end instead")
                .containsExactly("01011110001");
        assertThat(alimtalks(solapi, "NSP_HOLD_EXPIRED")).containsExactly("01011110002");
        delivered.forEach(event -> consume(event));
        deliverAll();
        assertThat(alimtalks(solapi, "NSP_WATCHED_BACK_ON_SALE")).hasSize(1);
    }

    @Test
    void aRefusedPaymentPutsTheArticleBackOnSaleAndTellsItsWatchers(DataSource ds, SolapiEmulator solapi) throws Exception {
        long article = Marketplace.articleOnSale(SELLER.subject(), 200_000);
        watches.watch(ANNA, article);
        long buyer = Rows.number(ds, "insert into app_user (external_subject) values ('buyer-card') returning id");
        long order = held(ds, article, buyer, "CONFIRMING", "now() + interval '5 minutes'");
        deliverAll();

        assertThat(settlement().fail(order, "REJECT_CARD_COMPANY", "카드사 거절")).isTrue();
        deliverAll();

        assertThat(Rows.text(ds, "select status from article where id = " + article)).isEqualTo("ON_SALE");
        assertThat(alimtalks(solapi, "NSP_WATCHED_BACK_ON_SALE")).containsExactly("01011110001");
    }

    @Test
    void aStaffRestoreTellsTheWatchers(SolapiEmulator solapi) {
        long article = Marketplace.articleOnSale(SELLER.subject(), 200_000);
        watches.watch(ANNA, article);
        var moderation = new ArticleModeration(Database::dataSource);
        Caller staff = new Caller("ops-1", Role.ADMIN);
        moderation.takeDown(staff, article, new StaffNote("예약 확인서 확인 중"));
        moderation.restore(staff, article, new StaffNote("예약 확인서 확인 완료"));
        deliverAll();
        assertThat(alimtalks(solapi, "NSP_WATCHED_BACK_ON_SALE")).containsExactly("01011110001");
    }
}
