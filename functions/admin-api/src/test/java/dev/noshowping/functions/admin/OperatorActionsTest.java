package dev.noshowping.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.article.ArticleQuery;
import dev.noshowping.article.ArticleReads;
import dev.noshowping.article.ArticleStatus;
import dev.noshowping.config.Environment;
import dev.noshowping.crypto.FieldCipher;
import dev.noshowping.domain.Forbidden;
import dev.noshowping.domain.NotFound;
import dev.noshowping.emulator.toss.TossEmulator;
import dev.noshowping.functions.payments.TossConfirmHandler;
import dev.noshowping.identity.Caller;
import dev.noshowping.identity.Role;
import dev.noshowping.notify.NotificationPlan;
import dev.noshowping.notify.OutboxMessage;
import dev.noshowping.order.OrderPolicy;
import dev.noshowping.payout.PayoutRepository;
import dev.noshowping.testkit.ApiCall;
import dev.noshowping.testkit.Marketplace;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.Rows;
import dev.noshowping.testkit.S3Extension;
import dev.noshowping.testkit.TossExtension;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Staff's actions on merchants and articles, through the admin API: each changes what buyers can see
 * and do, is refused when it would change nothing, and leaves one audit row with who, what and why.
 */
@ExtendWith({PostgresExtension.class, S3Extension.class, TossExtension.class})
class OperatorActionsTest {

    static final long PRICE = 150_000;
    static final String NOTE = "{\"reason\":\"같은 예약 번호로 두 건 게시\"}";

    final AdminApiHandler admin = new AdminApiHandler();
    final TossConfirmHandler orders = new TossConfirmHandler();
    DataSource ds;
    long article;
    long merchant;

    @BeforeEach
    void articleOnSale(DataSource ds) throws SQLException {
        this.ds = ds;
        article = Marketplace.articleOnSale("seller-1", PRICE);
        merchant = Rows.number(ds, "select merchant_id from article where id = " + article);
    }

    ApiCall.Reply staff(String path, long id, String body) {
        return ApiCall.asAdmin("ops-kim").post(path, body).path("id", id).invoke(admin);
    }

    ApiCall.Reply hold(String buyer) {
        return ApiCall.as(buyer).post("/orders", "{\"articleId\":" + article + ",\"guestName\":\"김민수\"}").invoke(orders);
    }

    ArticleReads reads() {
        return new ArticleReads(() -> ds, () -> new FieldCipher(Environment.current().require("DATA_ENCRYPTION_KEY")),
                OrderPolicy.DEFAULT, Clock.systemUTC());
    }

    static Caller user(String subject) {
        return new Caller(subject, Role.USER);
    }

    @Test
    void aSuspendedMerchantsArticleLeavesTheCatalogueAndComesBackWhenReinstated() throws Exception {
        var suspended = staff("/admin/merchants/{id}/suspend", merchant, NOTE);
        assertThat(suspended.status()).as(suspended.raw()).isEqualTo(200);
        assertThat(suspended.json().get("suspended").asBoolean()).isTrue();

        assertThat(reads().search(user("buyer-1"), ArticleQuery.parse(Map.of())).items()).isEmpty();
        assertThatThrownBy(() -> reads().get(user("buyer-1"), article)).isInstanceOf(NotFound.class);
        assertThat(reads().get(user("seller-1"), article).status()).as("the seller still sees it").isEqualTo(ArticleStatus.ON_SALE);
        var held = hold("buyer-1");
        assertThat(held.status()).as(held.raw()).isEqualTo(404);
        assertThat(Rows.number(ds, "select count(*) from orders")).isZero();
        assertThatThrownBy(() -> Marketplace.articleOnSale("seller-1", PRICE)).as("a suspended merchant cannot publish")
                .isInstanceOf(Forbidden.class).hasMessageContaining("suspended");

        var again = staff("/admin/merchants/{id}/suspend", merchant, NOTE);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("state").asText()).isEqualTo("SUSPENDED");

        assertThat(staff("/admin/merchants/{id}/reinstate", merchant, "{\"reason\":\"해명 확인\"}").status()).isEqualTo(200);
        assertThat(reads().search(user("buyer-1"), ArticleQuery.parse(Map.of())).items()).hasSize(1);
        assertThat(hold("buyer-1").status()).isEqualTo(201);
        assertThat(staff("/admin/merchants/{id}/reinstate", merchant, NOTE).status()).as("not suspended").isEqualTo(409);

        JsonNode log = ApiCall.asAdmin("ops-kim").get("/admin/actions").query("targetType", "MERCHANT")
                .query("targetId", Long.toString(merchant)).invoke(admin).json().get("items");
        assertThat(log).hasSize(2);
        assertThat(log.get(0).get("kind").asText()).isEqualTo("MERCHANT_REINSTATED");
        assertThat(log.get(0).get("reason").asText()).isEqualTo("해명 확인");
        assertThat(log.get(1).get("kind").asText()).isEqualTo("MERCHANT_SUSPENDED");
        assertThat(log.get(1).get("adminSubject").asText()).isEqualTo("ops-kim");
    }

    @Test
    void aTakenDownArticleIsGoneForBuyersAndTheSellerIsToldWhy() throws Exception {
        var down = staff("/admin/articles/{id}/take-down", article, "{\"reason\":\"예약 확인서 위조\"}");
        assertThat(down.status()).as(down.raw()).isEqualTo(200);
        assertThat(down.json().get("status").asText()).isEqualTo("TAKEN_DOWN");
        assertThat(hold("buyer-1").status()).isEqualTo(409);
        assertThatThrownBy(() -> reads().get(user("buyer-1"), article)).isInstanceOf(NotFound.class);
        assertThat(reads().search(user("buyer-1"), ArticleQuery.parse(Map.of("status", "TAKEN_DOWN"))).items())
                .as("listed taken down, a buyer sees only their own: none").isEmpty();
        assertThat(reads().search(user("seller-1"), ArticleQuery.parse(Map.of("status", "TAKEN_DOWN"))).items()).hasSize(1);

        var message = Rows.of(ds, "select id::text as id, payload::text as payload from outbox where topic = 'article.taken_down'");
        assertThat(message).hasSize(1);
        var deliveries = NotificationPlan.of(OutboxMessage.parse("{\"outboxId\":\"" + message.getFirst().get("id")
                + "\",\"topic\":\"" + NotificationPlan.ARTICLE_TAKEN_DOWN + "\",\"payload\":" + message.getFirst().get("payload") + "}"));
        assertThat(deliveries.toString()).contains("예약 확인서 위조").contains("template=ARTICLE_TAKEN_DOWN")
                .contains("OPS_ARTICLE_TAKEN_DOWN");

        assertThat(staff("/admin/articles/{id}/take-down", article, NOTE).json().get("state").asText())
                .as("twice: 409 naming its state").isEqualTo("TAKEN_DOWN");
        assertThat(staff("/admin/articles/{id}/restore", article, "{\"reason\":\"원본 확인\"}").json().get("status").asText())
                .isEqualTo("ON_SALE");
        assertThat(hold("buyer-1").status()).isEqualTo(201);
        var held = staff("/admin/articles/{id}/take-down", article, NOTE);
        assertThat(held.status()).as("a held article is a matter for its order").isEqualTo(409);
        assertThat(held.json().get("state").asText()).isEqualTo("RESERVED");
        assertThat(Rows.number(ds, "select count(*) from admin_action where target_type = 'ARTICLE'")).isEqualTo(2);
    }

    @Test
    void everyActionNeedsAReasonAndAnUnknownTargetIs404() throws Exception {
        for (String body : new String[] {"{}", "{\"reason\":\"   \"}", "{\"reason\":\"" + "가".repeat(501) + "\"}"}) {
            var reply = staff("/admin/merchants/{id}/suspend", merchant, body);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.raw()).contains("reason");
        }
        assertThat(staff("/admin/articles/{id}/take-down", article + 1000, NOTE).status()).isEqualTo(404);
        assertThat(staff("/admin/merchants/{id}/suspend", merchant + 1000, NOTE).status()).isEqualTo(404);
        assertThat(Rows.number(ds, "select count(*) from admin_action")).as("nothing refused is logged").isZero();
        assertThat(Rows.text(ds, "select status from article where id = " + article)).isEqualTo("ON_SALE");
    }

    @Test
    void merchantsAreListedByStatusInPagesAndVerifyingIsLoggedOnce() throws Exception {
        Marketplace.articleOnSale("seller-2", PRICE);
        Marketplace.articleOnSale("seller-3", PRICE);
        var first = ApiCall.asAdmin("ops-kim").get("/admin/merchants").query("limit", "2").invoke(admin);
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertThat(first.json().get("items")).hasSize(2);
        var second = ApiCall.asAdmin("ops-kim").get("/admin/merchants").query("limit", "2")
                .query("cursor", first.json().get("nextCursor").asText()).invoke(admin);
        assertThat(second.json().get("items")).hasSize(1);
        assertThat(second.json().get("nextCursor").isNull()).isTrue();

        assertThat(staff("/admin/merchants/{id}/verify", merchant, NOTE).json().get("verified").asBoolean()).isTrue();
        assertThat(staff("/admin/merchants/{id}/verify", merchant, NOTE).status()).as("again: harmless").isEqualTo(200);
        assertThat(Rows.number(ds, "select count(*) from admin_action where kind = 'MERCHANT_VERIFIED'")).isEqualTo(1);
        var verified = ApiCall.asAdmin("ops-kim").get("/admin/merchants").query("status", "VERIFIED").invoke(admin);
        assertThat(verified.json().get("items")).singleElement().satisfies(m -> assertThat(m.get("id").asLong()).isEqualTo(merchant));
        assertThat(ApiCall.asAdmin("ops-kim").get("/admin/merchants").query("status", "GONE").invoke(admin).status()).isEqualTo(400);
        assertThat(ApiCall.asAdmin("ops-kim").get("/admin/actions").query("targetId", "5").invoke(admin).status())
                .as("targetId without targetType").isEqualTo(400);
    }

    @Test
    void staffFindAnOrderByStatusReadItsDossierAndTheirRefundIsLogged(TossEmulator toss) throws Exception {
        var held = hold("buyer-1");
        String orderId = held.json().get("orderId").asText();
        String paymentKey = toss.checkout(orderId, PRICE, TossEmulator.Method.CARD);
        var paid = ApiCall.as("buyer-1").post("/payments/confirm",
                "{\"paymentKey\":\"" + paymentKey + "\",\"orderId\":\"" + orderId + "\",\"amount\":" + PRICE + "}").invoke(orders);
        long id = paid.json().get("id").asLong();

        var found = ApiCall.asAdmin("ops-kim").get("/admin/orders").query("status", "PAID").invoke(admin);
        assertThat(found.status()).as(found.raw()).isEqualTo(200);
        assertThat(found.json().get("items")).singleElement().satisfies(o -> assertThat(o.get("id").asLong()).isEqualTo(id));
        assertThat(ApiCall.asAdmin("ops-kim").get("/admin/orders").query("status", "REFUNDED").invoke(admin)
                .json().get("items")).isEmpty();

        var canceled = ApiCall.asAdmin("ops-kim").post("/orders/{id}/cancel", "{\"reason\":\"판매자 연락 두절\"}")
                .path("id", id).invoke(orders);
        assertThat(canceled.status()).as(canceled.raw()).isEqualTo(200);

        var dossier = ApiCall.asAdmin("ops-kim").get("/admin/orders/{id}").path("id", id).invoke(admin);
        assertThat(dossier.status()).as(dossier.raw()).isEqualTo(200);
        JsonNode d = dossier.json();
        assertThat(d.get("order").get("status").asText()).isEqualTo("REFUNDED");
        assertThat(d.get("buyerSubject").asText()).isEqualTo("buyer-1");
        assertThat(d.get("sellerSubject").asText()).isEqualTo("seller-1");
        assertThat(d.get("refund").get("reason").asText()).isEqualTo("ADMIN");
        assertThat(d.get("refund").get("done").asBoolean()).isTrue();
        assertThat(d.get("notifications").findValuesAsText("topic")).contains("order.paid.seller", "order.canceled");
        assertThat(d.get("staffActions")).singleElement().satisfies(a -> {
            assertThat(a.get("kind").asText()).isEqualTo("ORDER_CANCELED");
            assertThat(a.get("reason").asText()).isEqualTo("판매자 연락 두절");
            assertThat(a.get("adminSubject").asText()).isEqualTo("ops-kim");
        });
        assertThat(ApiCall.asAdmin("ops-kim").get("/admin/orders/{id}").path("id", id + 1000).invoke(admin).status())
                .isEqualTo(404);
        assertThat(ApiCall.as("buyer-1").get("/admin/orders/{id}").path("id", id).invoke(admin).status())
                .as("the buyer has GET /orders/{id}, not the dossier").isEqualTo(403);
    }

    @Test
    void aBuyersOwnCancelIsNotAStaffAction() throws Exception {
        long id = hold("buyer-1").json().get("id").asLong();
        var canceled = ApiCall.as("buyer-1").post("/orders/{id}/cancel", "{\"reason\":\"일정 변경\"}").path("id", id).invoke(orders);
        assertThat(canceled.status()).as(canceled.raw()).isEqualTo(200);
        assertThat(Rows.number(ds, "select count(*) from admin_action")).isZero();
        var staffCancel = ApiCall.asAdmin("ops-kim").post("/orders/{id}/cancel", "{\"reason\":\"중복 주문\"}")
                .path("id", hold("buyer-2").json().get("id").asLong()).invoke(orders);
        assertThat(staffCancel.status()).as(staffCancel.raw()).isEqualTo(200);
        assertThat(Rows.text(ds, "select kind || ' ' || reason from admin_action")).isEqualTo("ORDER_CANCELED 중복 주문");
    }

    /** A payout the run gave up on (Toss failed it three times), of an approved Toss seller. */
    long failedPayout() throws SQLException {
        Rows.execute(ds, "update merchant set toss_seller_id = 'seller-m1', toss_seller_status = 'APPROVED' where id = " + merchant);
        return Rows.number(ds, """
                insert into payout (merchant_id, amount, status, attempt, ref_payout_id, idempotency_key, sent_at,
                                    failure_code, failure_message)
                values (%d, 145500, 'FAILED', 3, 'po_failed000001', 'key-1', now(), 'INVALID_ACCOUNT', '계좌 없음')
                returning id""".formatted(merchant));
    }

    List<Long> sendable() throws SQLException {
        try (var c = ds.getConnection()) {
            return PayoutRepository.sendable(c, List.of("APPROVED"), 10).stream().map(PayoutRepository.Payout::id).toList();
        }
    }

    @Test
    void staffRetryAPayoutTheRunGaveUpOnAndAHeldOneIsNotSent() throws Exception {
        long payout = failedPayout();
        var failed = ApiCall.asAdmin("ops-kim").get("/admin/payouts").query("status", "FAILED").invoke(admin);
        assertThat(failed.status()).as(failed.raw()).isEqualTo(200);
        assertThat(failed.json().get("items")).singleElement().satisfies(p -> {
            assertThat(p.get("failureCode").asText()).isEqualTo("INVALID_ACCOUNT");
            assertThat(p.get("attempt").asInt()).isEqualTo(3);
        });

        var held = staff("/admin/payouts/{id}/hold", payout, "{\"reason\":\"분쟁 조사 중\"}");
        assertThat(held.status()).as(held.raw()).isEqualTo(200);
        assertThat(held.json().get("held").asBoolean()).isTrue();
        var retried = staff("/admin/payouts/{id}/retry", payout, "{\"reason\":\"계좌 수정됨\"}");
        assertThat(retried.status()).as(retried.raw()).isEqualTo(200);
        assertThat(retried.json().get("status").asText()).isEqualTo("PENDING");
        assertThat(retried.json().get("attempt").asInt()).isEqualTo(4);
        assertThat(retried.json().get("refPayoutId").asText()).as("a new refPayoutId: Toss never takes one twice")
                .isNotEqualTo("po_failed000001");
        assertThat(sendable()).as("held: the run leaves it alone").isEmpty();
        try (var c = ds.getConnection()) {
            assertThat(PayoutRepository.markSending(c, List.of(payout), "key-2")).as("nor does a run that read it before the hold")
                    .isEmpty();
        }

        assertThat(staff("/admin/payouts/{id}/hold", payout, NOTE).status()).as("held already").isEqualTo(409);
        assertThat(staff("/admin/payouts/{id}/release", payout, "{\"reason\":\"조사 끝\"}").status()).isEqualTo(200);
        assertThat(sendable()).containsExactly(payout);
        assertThat(staff("/admin/payouts/{id}/release", payout, NOTE).status()).as("not held").isEqualTo(409);
        var again = staff("/admin/payouts/{id}/retry", payout, NOTE);
        assertThat(again.status()).as("only a FAILED payout is retried").isEqualTo(409);
        assertThat(again.json().get("state").asText()).isEqualTo("PENDING");
        assertThat(staff("/admin/payouts/{id}/retry", payout + 1000, NOTE).status()).isEqualTo(404);

        assertThat(Rows.of(ds, "select kind from admin_action where target_type = 'PAYOUT' order by id"))
                .extracting(r -> r.get("kind")).containsExactly("PAYOUT_HELD", "PAYOUT_RETRIED", "PAYOUT_RELEASED");
    }

    @Test
    void failedDeliveriesAndResaleLookUpsAreListedForStaffWithoutRecipients() throws Exception {
        Rows.execute(ds, """
                insert into outbox (id, topic, payload) values
                  ('00000000-0000-0000-0000-000000000001', 'order.paid.seller', '{"orderId": "ord_abc123", "articleId": %d}'),
                  ('00000000-0000-0000-0000-000000000002', 'article.published', '{"articleId": %d}');
                insert into notification (outbox_id, channel, template, recipient, status, error) values
                  ('00000000-0000-0000-0000-000000000001', 'ALIMTALK', 'ORDER_PAID_SELLER', '+821055551234', 'FAILED',
                   'SOLAPI 3040: template not approved'),
                  ('00000000-0000-0000-0000-000000000002', 'DISCORD', 'OPS_NEW_ARTICLE', 'ops', 'PENDING', null);
                """.formatted(article, article));
        var failed = ApiCall.asAdmin("ops-kim").get("/admin/notifications").invoke(admin);
        assertThat(failed.status()).as(failed.raw()).isEqualTo(200);
        assertThat(failed.json().get("items")).singleElement().satisfies(n -> {
            assertThat(n.get("topic").asText()).isEqualTo("order.paid.seller");
            assertThat(n.get("orderId").asText()).isEqualTo("ord_abc123");
            assertThat(n.get("error").asText()).contains("3040");
        });
        assertThat(failed.raw()).as("never the phone number").doesNotContain("5555");
        assertThat(ApiCall.asAdmin("ops-kim").get("/admin/notifications").query("status", "PENDING").invoke(admin)
                .json().get("items").findValuesAsText("template")).containsExactly("OPS_NEW_ARTICLE");

        long listed = Marketplace.articleOnSale("seller-9", PRICE, List.of("https://m.bunjang.co.kr/products/123456"));
        long link = Rows.number(ds, "select id from external_link where article_id = " + listed);
        Rows.execute(ds, "insert into resale_check (article_id, external_link_id, observed_status, outcome) values ("
                + listed + ", " + link + ", null, 'ERROR'), (" + listed + ", " + link + ", 'SOLD', 'SOLD_ELSEWHERE')");
        var errors = ApiCall.asAdmin("ops-kim").get("/admin/resale-checks").query("outcome", "ERROR").invoke(admin);
        assertThat(errors.status()).as(errors.raw()).isEqualTo(200);
        assertThat(errors.json().get("items")).singleElement().satisfies(r -> {
            assertThat(r.get("source").asText()).isEqualTo("BUNJANG");
            assertThat(r.get("articleId").asLong()).isEqualTo(listed);
        });
        assertThat(ApiCall.asAdmin("ops-kim").get("/admin/resale-checks").invoke(admin).json().get("items")).hasSize(2);
        assertThat(ApiCall.asAdmin("ops-kim").get("/admin/resale-checks").query("outcome", "MAYBE").invoke(admin).status())
                .isEqualTo(400);
    }

    @Test
    void theAuditLogCannotBeEditedByTheApplication() throws Exception {
        staff("/admin/merchants/{id}/suspend", merchant, NOTE);
        assertThatThrownBy(() -> Rows.execute(ds, "update admin_action set reason = 'nothing happened'"))
                .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        assertThatThrownBy(() -> Rows.execute(ds, "delete from admin_action"))
                .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
    }
}
