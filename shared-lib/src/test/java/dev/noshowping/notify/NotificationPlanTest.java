package dev.noshowping.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noshowping.json.Json;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The template catalogue and the topic plan agree: every topic renders from a payload shaped as its
 * writer writes it, every template is used by some topic, every rendered text is complete.
 */
class NotificationPlanTest {

    /** One payload per topic, with the fields its writer puts in (see OrderNotifications, CreateArticle). */
    static final Map<String, Map<String, Object>> SAMPLES = new LinkedHashMap<>();

    static {
        Map<String, Object> order = Map.of("orderId", "ord_abc", "orderDbId", 3, "articleId", 7, "articleTitle", "제주 한라호텔 1박",
                "amount", 180000, "recipientUserId", 11, "method", "CARD", "refunded", true,
                "approvedAt", "2026-11-25T06:00:00Z", "transferDeadline", "2026-11-26T06:00:00Z");
        SAMPLES.put(NotificationPlan.ARTICLE_PUBLISHED, Map.of("articleId", 7, "sellerUserId", 5, "merchantName", "한라 숙소",
                "title", "제주 한라호텔 1박", "accommodationName", "한라호텔", "region", "JEJU", "checkIn", "2026-12-24",
                "checkOut", "2026-12-25", "salePrice", 180000, "originalPrice", 240000));
        SAMPLES.put(NotificationPlan.ARTICLE_RECHECK, Map.of("articleId", 7, "sellerUserId", 5, "articleTitle", "제주 한라호텔 1박"));
        SAMPLES.put(NotificationPlan.ARTICLE_SOLD_ELSEWHERE, Map.of("articleId", 7, "sellerUserId", 5,
                "articleTitle", "제주 한라호텔 1박", "marketplace", "번개장터"));
        SAMPLES.put(NotificationPlan.ARTICLE_TAKEN_DOWN, Map.of("articleId", 7, "sellerUserId", 5,
                "articleTitle", "제주 한라호텔 1박", "reason", "예약 확인서 위조", "adminSubject", "staff-1"));
        SAMPLES.put(NotificationPlan.ORDER_PAID_SELLER, order);
        SAMPLES.put(NotificationPlan.ORDER_PAID_BUYER, order);
        Map<String, Object> waiting = new LinkedHashMap<>(order);
        waiting.put("method", "VIRTUAL_ACCOUNT");
        waiting.put("virtualAccount", Map.of("bankCode", "20", "accountNumber", "X6516717261234", "dueDate", "2026-11-28T23:59:59+09:00"));
        SAMPLES.put(NotificationPlan.ORDER_DEPOSIT_WAITING, waiting);
        SAMPLES.put(NotificationPlan.ORDER_HOLD_EXPIRED, order);
        SAMPLES.put(NotificationPlan.ORDER_CANCELED, order);
        Map<String, Object> transferred = new LinkedHashMap<>(order);
        transferred.put("guestName", "김민수");
        transferred.put("autoConfirmAt", "2026-11-27T06:00:00Z");
        SAMPLES.put(NotificationPlan.ORDER_TRANSFERRED, transferred);
        Map<String, Object> completed = new LinkedHashMap<>(order);
        completed.putAll(Map.of("how", "RECEIVED", "net", 171000, "fee", 9000, "payableOn", "2026-12-26"));
        SAMPLES.put(NotificationPlan.ORDER_COMPLETED, completed);
        Map<String, Object> disputed = new LinkedHashMap<>(order);
        disputed.putAll(Map.of("disputeId", 2, "reason", "NAME_NOT_CHANGED"));
        SAMPLES.put(NotificationPlan.ORDER_DISPUTED, disputed);
        // a missed deadline of a virtual-account payment: seller, buyer (refund and account) and ops all hear of it
        Map<String, Object> refunding = new LinkedHashMap<>(order);
        refunding.putAll(Map.of("sellerUserId", 5, "reason", "TRANSFER_DEADLINE_MISSED", "refundAmount", 180000,
                "needsRefundAccount", true));
        SAMPLES.put(NotificationPlan.ORDER_REFUNDING, refunding);
        Map<String, Object> resolved = new LinkedHashMap<>(order);
        resolved.putAll(Map.of("sellerUserId", 5, "outcome", "PARTIAL_REFUND", "refundAmount", 50000));
        SAMPLES.put(NotificationPlan.DISPUTE_RESOLVED, resolved);
        SAMPLES.put(NotificationPlan.REFUND_REFUSED, Map.of("orderId", "ord_abc", "amount", 180000, "attempt", 2,
                "code", "NOT_CANCELABLE_AMOUNT", "message", "취소 가능 금액 초과", "givingUp", false));
        SAMPLES.put(NotificationPlan.PAYOUT_COMPLETED, Map.of("payoutId", 4, "merchantId", 2, "sellerUserId", 5,
                "amount", 190000, "attempt", 1));
        SAMPLES.put(NotificationPlan.PAYOUT_FAILED, Map.of("payoutId", 4, "merchantId", 2, "sellerUserId", 5,
                "amount", 190000, "attempt", 3, "code", "INVALID_ACCOUNT_INFO", "message", "계좌 정보 오류", "givingUp", true));
        SAMPLES.put(NotificationPlan.PAYOUT_REFUSED, Map.of("payouts", 12, "code", "INSUFFICIENT_BALANCE", "message", "잔액 부족"));
        SAMPLES.put(NotificationPlan.PAYOUT_BALANCE_SHORT, Map.of("available", 1000000, "waiting", 2500000));
        SAMPLES.put(NotificationPlan.PAYMENT_ORPHANED, Map.of("orderId", "ord_abc", "paymentKey", "pk_1", "amount", 5000, "orderStatus", "EXPIRED"));
        SAMPLES.put(NotificationPlan.CRAWL_RUN_FINISHED, Map.of("runId", 4, "tasks", 12, "failedTasks", 1, "listings", 340,
                "newListings", 17, "seconds", 41));
        SAMPLES.put(NotificationPlan.SAVED_SEARCH_MATCHED, Map.of("savedSearchId", 9, "recipientUserId", 5,
                "searchLabel", "제주 한라 · 12/24~12/25", "count", 1, "articleId", 7, "articleTitle", "제주 한라호텔 1박",
                "salePrice", 180000));
        // as WatchRepository.fanOut writes them: the event's payload plus the watcher
        SAMPLES.put(NotificationPlan.WATCH_PRICE_DROPPED, Map.of("articleId", 7, "articleTitle", "제주 한라호텔 1박",
                "salePrice", 160000, "previousPrice", 180000, "sellerUserId", 5, "recipientUserId", 11,
                "eventId", "5b0f3a52-3f0e-4f5e-9d0e-0c1f8a1b2c3d"));
        SAMPLES.put(NotificationPlan.WATCH_BACK_ON_SALE, Map.of("articleId", 7, "articleTitle", "제주 한라호텔 1박",
                "salePrice", 180000, "sellerUserId", 5, "causedByUserId", 12, "recipientUserId", 11,
                "eventId", "5b0f3a52-3f0e-4f5e-9d0e-0c1f8a1b2c3d"));
    }

    static OutboxMessage message(String topic, Map<String, ?> payload) {
        return new OutboxMessage(UUID.randomUUID(), topic, Json.MAPPER.valueToTree(payload));
    }

    @Test
    void everyTopicRendersAndEveryTemplateIsUsed() {
        assertThat(SAMPLES.keySet()).containsExactlyInAnyOrderElementsOf(NotificationPlan.TOPICS);
        Set<AlimtalkTemplate> used = EnumSet.noneOf(AlimtalkTemplate.class);
        for (var sample : SAMPLES.entrySet()) {
            List<Delivery> deliveries = NotificationPlan.of(message(sample.getKey(), sample.getValue()));
            assertThat(deliveries).as(sample.getKey()).isNotEmpty();
            for (Delivery d : deliveries) {
                switch (d) {
                    case Delivery.ToUser u -> {
                        used.add(u.message().template());
                        assertThat(u.message().text()).as(sample.getKey()).doesNotContain("#{").hasSizeLessThanOrEqualTo(1000);
                    }
                    case Delivery.ToOps o -> assertThat(o.kind()).matches("^[A-Z][A-Z0-9_]{1,63}$");
                }
            }
        }
        // the two that come only from other payloads of the same topics
        Map<String, Object> deposit = new LinkedHashMap<>(SAMPLES.get(NotificationPlan.ORDER_PAID_BUYER));
        deposit.put("method", "VIRTUAL_ACCOUNT");
        NotificationPlan.of(message(NotificationPlan.ORDER_PAID_BUYER, deposit)).forEach(d -> {
            if (d instanceof Delivery.ToUser u) {
                used.add(u.message().template());
            }
        });
        var digest = NotificationPlan.of(message(NotificationPlan.SAVED_SEARCH_MATCHED, Map.of("savedSearchId", 9,
                "recipientUserId", 5, "searchLabel", "제주 한라", "count", 3, "firstTitle", "제주 한라호텔 1박")));
        assertThat(((Delivery.ToUser) digest.getFirst()).message().text()).contains("새 매물 3건").contains("제주 한라호텔 1박 등");
        digest.forEach(d -> used.add(((Delivery.ToUser) d).message().template()));
        Map<String, Object> sellerCanceled = new LinkedHashMap<>(SAMPLES.get(NotificationPlan.ORDER_REFUNDING));
        sellerCanceled.put("reason", "SELLER_CANCELED");
        sellerCanceled.put("needsRefundAccount", false);
        var canceled = NotificationPlan.of(message(NotificationPlan.ORDER_REFUNDING, sellerCanceled));
        assertThat(canceled).as("a seller's cancel tells the buyer only").hasSize(1);
        canceled.forEach(d -> used.add(((Delivery.ToUser) d).message().template()));
        assertThat(NotificationPlan.of(message(NotificationPlan.ORDER_REFUNDING, SAMPLES.get(NotificationPlan.ORDER_REFUNDING))))
                .as("a missed deadline: account request, seller, buyer, ops").hasSize(4);
        assertThat(used).containsExactlyInAnyOrder(AlimtalkTemplate.values());
    }

    @Test
    void valuesAreShownTheKoreanWay() {
        var deliveries = NotificationPlan.of(message(NotificationPlan.ORDER_DEPOSIT_WAITING, SAMPLES.get(NotificationPlan.ORDER_DEPOSIT_WAITING)));
        Alimtalk a = ((Delivery.ToUser) deliveries.getFirst()).message();
        assertThat(a.template()).isEqualTo(AlimtalkTemplate.DEPOSIT_WAITING);
        assertThat(a.variables()).containsEntry("bank", "우리은행").containsEntry("amount", "180,000")
                .containsEntry("dueDate", "11월 28일(토) 23:59").containsEntry("accountNumber", "X6516717261234");
        var seller = (Delivery.ToUser) NotificationPlan.of(message(NotificationPlan.ORDER_PAID_SELLER,
                SAMPLES.get(NotificationPlan.ORDER_PAID_SELLER))).getFirst();
        // 06:00 UTC is 15:00 in Korea
        assertThat(seller.message().variables()).containsEntry("transferDeadline", "11월 26일(목) 15:00");
        var article = (Delivery.ToUser) NotificationPlan.of(message(NotificationPlan.ARTICLE_PUBLISHED,
                SAMPLES.get(NotificationPlan.ARTICLE_PUBLISHED))).getFirst();
        assertThat(article.message().text()).contains("12월 24일(목) ~ 12월 25일(금)").contains("180,000원");
    }

    @Test
    void aCanceledHoldWithoutMoneyTellsNobody() {
        Map<String, Object> canceled = new LinkedHashMap<>(SAMPLES.get(NotificationPlan.ORDER_CANCELED));
        canceled.put("refunded", false);
        assertThat(NotificationPlan.of(message(NotificationPlan.ORDER_CANCELED, canceled))).isEmpty();
    }

    @Test
    void buttonsLinkToOurPagesOnWebAndApp() {
        var recheck = (Delivery.ToUser) NotificationPlan.of(message(NotificationPlan.ARTICLE_RECHECK,
                SAMPLES.get(NotificationPlan.ARTICLE_RECHECK))).getFirst();
        assertThat(recheck.message().solapiButtons("https://noshowping.com", "noshowping:/")).containsExactly(
                Map.of("buttonType", "WL", "buttonName", "판매글 확인", "linkMo", "https://noshowping.com/articles/7",
                        "linkPc", "https://noshowping.com/articles/7"),
                Map.of("buttonType", "AL", "buttonName", "앱에서 확인", "linkAnd", "noshowping://articles/7",
                        "linkIos", "noshowping://articles/7", "linkMo", "https://noshowping.com/articles/7",
                        "linkPc", "https://noshowping.com/articles/7"));
        assertThat(recheck.message().solapiVariables()).containsOnlyKeys("#{articleTitle}", "#{articleId}");
    }

    @Test
    void payloadsMissingWhatTheMessageShowsAreMalformed() {
        Map<String, Object> noTitle = new LinkedHashMap<>(SAMPLES.get(NotificationPlan.ORDER_PAID_BUYER));
        noTitle.remove("articleTitle");
        assertThatThrownBy(() -> NotificationPlan.of(message(NotificationPlan.ORDER_PAID_BUYER, noTitle)))
                .isInstanceOf(MalformedMessage.class).hasMessageContaining("articleTitle");
        Map<String, Object> badAmount = new LinkedHashMap<>(SAMPLES.get(NotificationPlan.ORDER_PAID_BUYER));
        badAmount.put("amount", "lots");
        assertThatThrownBy(() -> NotificationPlan.of(message(NotificationPlan.ORDER_PAID_BUYER, badAmount)))
                .isInstanceOf(MalformedMessage.class).hasMessageContaining("amount");
        assertThatThrownBy(() -> NotificationPlan.of(message("order.teleported", Map.of())))
                .isInstanceOf(MalformedMessage.class).hasMessageContaining("unknown topic");
    }

    @Test
    void aStateOutsideOurEnumsIsMalformedNamingTheField() {
        Map<String, Object> outcome = new LinkedHashMap<>(SAMPLES.get(NotificationPlan.DISPUTE_RESOLVED));
        outcome.put("outcome", "SPLIT");
        assertThatThrownBy(() -> NotificationPlan.of(message(NotificationPlan.DISPUTE_RESOLVED, outcome)))
                .isInstanceOf(MalformedMessage.class).hasMessageContaining("outcome").hasMessageContaining("SPLIT");
        Map<String, Object> reason = new LinkedHashMap<>(SAMPLES.get(NotificationPlan.ORDER_REFUNDING));
        reason.put("reason", "seller_canceled");
        assertThatThrownBy(() -> NotificationPlan.of(message(NotificationPlan.ORDER_REFUNDING, reason)))
                .isInstanceOf(MalformedMessage.class).hasMessageContaining("reason");
    }

    @Test
    void anAlimtalkMustFillExactlyItsTemplatesVariables() {
        assertThatThrownBy(() -> new Alimtalk(AlimtalkTemplate.HOLD_EXPIRED, Map.of("articleTitle", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("articleId");
        assertThatThrownBy(() -> new Alimtalk(AlimtalkTemplate.HOLD_EXPIRED, Map.of("articleTitle", "x", "articleId", "1", "extra", "y")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("extra");
        assertThatThrownBy(() -> new Alimtalk(AlimtalkTemplate.HOLD_EXPIRED, Map.of("articleTitle", " ", "articleId", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
    }

    @Test
    void theCatalogueKeepsKakaosLimits() {
        for (AlimtalkTemplate t : AlimtalkTemplate.values()) {
            assertThat(t.text().length()).as(t.name()).isLessThanOrEqualTo(AlimtalkTemplate.MAX_TEXT);
            assertThat(t.buttons()).as(t.name()).hasSizeLessThanOrEqualTo(AlimtalkTemplate.MAX_BUTTONS)
                    .allSatisfy(b -> assertThat(b.name().length()).isBetween(1, AlimtalkTemplate.MAX_BUTTON_NAME));
            assertThat(t.templateId()).as(t.name()).matches("^NSP_[A-Z_]+$");
            assertThat(t.variables()).as(t.name()).isNotEmpty();
        }
        assertThat(java.util.Arrays.stream(AlimtalkTemplate.values()).map(AlimtalkTemplate::templateId).distinct())
                .hasSize(AlimtalkTemplate.values().length);
    }
}
