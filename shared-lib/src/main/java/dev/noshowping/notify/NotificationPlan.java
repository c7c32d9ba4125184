package dev.noshowping.notify;

import dev.noshowping.order.DisputeOutcome;
import dev.noshowping.order.RefundRepository;
import dev.noshowping.payment.PaymentMethod;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What each outbox topic turns into: which users get which alimtalk, and what operations read on
 * Discord. Everything a message shows comes from the outbox payload, written in the transaction
 * that made the event happen, so nothing is joined at send time (only the phone number is read then,
 * so personal data never sits in the outbox). A topic nobody is told about yields nothing; an
 * unknown topic is a {@link MalformedMessage}.
 */
public final class NotificationPlan {

    public static final String ARTICLE_PUBLISHED = "article.published";
    public static final String ARTICLE_RECHECK = "article.recheck";
    public static final String ARTICLE_SOLD_ELSEWHERE = "article.sold_elsewhere";
    public static final String ARTICLE_TAKEN_DOWN = "article.taken_down";
    public static final String ORDER_PAID_SELLER = "order.paid.seller";
    public static final String ORDER_PAID_BUYER = "order.paid.buyer";
    public static final String ORDER_DEPOSIT_WAITING = "order.deposit_waiting";
    public static final String ORDER_HOLD_EXPIRED = "order.hold_expired";
    public static final String ORDER_CANCELED = "order.canceled";
    public static final String ORDER_TRANSFERRED = "order.transferred";
    public static final String ORDER_COMPLETED = "order.completed";
    public static final String ORDER_DISPUTED = "order.disputed";
    public static final String ORDER_REFUNDING = "order.refunding";
    public static final String DISPUTE_RESOLVED = "dispute.resolved";
    public static final String REFUND_REFUSED = "refund.refused";
    public static final String PAYOUT_COMPLETED = "payout.completed";
    public static final String PAYOUT_FAILED = "payout.failed";
    public static final String PAYOUT_REFUSED = "payout.refused";
    public static final String PAYOUT_BALANCE_SHORT = "payout.balance_short";
    public static final String PAYMENT_ORPHANED = "payment.orphaned";
    public static final String CRAWL_RUN_FINISHED = "crawl.run_finished";
    public static final String SAVED_SEARCH_MATCHED = "saved_search.matched";
    // one per watcher, written by the fan-out of an article's watch event (WatchEvent, DeliverNotification)
    public static final String WATCH_PRICE_DROPPED = "watch.price_dropped";
    public static final String WATCH_BACK_ON_SALE = "watch.back_on_sale";

    /** Every topic this plan knows, for tests and docs. */
    public static final List<String> TOPICS = List.of(ARTICLE_PUBLISHED, ARTICLE_RECHECK, ARTICLE_SOLD_ELSEWHERE, ARTICLE_TAKEN_DOWN,
            ORDER_PAID_SELLER, ORDER_PAID_BUYER, ORDER_DEPOSIT_WAITING, ORDER_HOLD_EXPIRED, ORDER_CANCELED,
            ORDER_TRANSFERRED, ORDER_COMPLETED, ORDER_DISPUTED, ORDER_REFUNDING, DISPUTE_RESOLVED, REFUND_REFUSED,
            PAYOUT_COMPLETED, PAYOUT_FAILED, PAYOUT_REFUSED, PAYOUT_BALANCE_SHORT, PAYMENT_ORPHANED, CRAWL_RUN_FINISHED,
            SAVED_SEARCH_MATCHED, WATCH_PRICE_DROPPED, WATCH_BACK_ON_SALE);

    private static final ZoneId KOREA = ZoneId.of("Asia/Seoul");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("M월 d일(E)", Locale.KOREAN);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("M월 d일(E) HH:mm", Locale.KOREAN);

    private NotificationPlan() {
    }

    public static List<Delivery> of(OutboxMessage m) {
        List<Delivery> out = new ArrayList<>();
        switch (m.topic()) {
            case ARTICLE_PUBLISHED -> {
                out.add(new Delivery.ToUser(m.number("sellerUserId"), new Alimtalk(AlimtalkTemplate.ARTICLE_PUBLISHED, Map.of(
                        "merchantName", m.text("merchantName"),
                        "accommodationName", m.text("accommodationName"),
                        "checkIn", day(m, "checkIn"),
                        "checkOut", day(m, "checkOut"),
                        "salePrice", won(m.number("salePrice")),
                        "articleId", Long.toString(m.number("articleId"))))));
                out.add(new Delivery.ToOps("OPS_NEW_ARTICLE", "🏨 새 판매글 #%d · %s · %s (%s) · %s~%s · %s원 (정가 %s원)".formatted(
                        m.number("articleId"), m.text("merchantName"), m.text("title"), m.text("region"),
                        m.text("checkIn"), m.text("checkOut"), won(m.number("salePrice")), won(m.number("originalPrice")))));
            }
            case ARTICLE_RECHECK -> out.add(new Delivery.ToUser(m.number("sellerUserId"), new Alimtalk(AlimtalkTemplate.PRODUCT_CHECK,
                    Map.of("articleTitle", m.text("articleTitle"), "articleId", Long.toString(m.number("articleId"))))));
            case ARTICLE_TAKEN_DOWN -> {
                out.add(new Delivery.ToUser(m.number("sellerUserId"), new Alimtalk(AlimtalkTemplate.ARTICLE_TAKEN_DOWN, Map.of(
                        "articleTitle", m.text("articleTitle"), "reason", m.text("reason"),
                        "articleId", Long.toString(m.number("articleId"))))));
                out.add(new Delivery.ToOps("OPS_ARTICLE_TAKEN_DOWN", "🚫 판매글 #%d 내림 · %s · 사유: %s (%s)".formatted(
                        m.number("articleId"), m.text("articleTitle"), m.text("reason"), m.text("adminSubject"))));
            }
            case ARTICLE_SOLD_ELSEWHERE -> {
                out.add(new Delivery.ToUser(m.number("sellerUserId"), new Alimtalk(AlimtalkTemplate.SOLD_ELSEWHERE, Map.of(
                        "articleTitle", m.text("articleTitle"), "marketplace", m.text("marketplace"),
                        "articleId", Long.toString(m.number("articleId"))))));
                out.add(new Delivery.ToOps("OPS_SOLD_ELSEWHERE", "🔁 다른 곳에서 판매됨 · 판매글 #%d · %s · %s".formatted(
                        m.number("articleId"), m.text("articleTitle"), m.text("marketplace"))));
            }
            case ORDER_PAID_SELLER -> {
                out.add(new Delivery.ToUser(m.number("recipientUserId"), new Alimtalk(AlimtalkTemplate.ORDER_PAID_SELLER, Map.of(
                        "articleTitle", m.text("articleTitle"), "amount", won(m.number("amount")),
                        "transferDeadline", dayTime(m, "transferDeadline"), "orderId", m.text("orderId")))));
                out.add(new Delivery.ToOps("OPS_PAYMENT", "💳 결제 완료 · 주문 %s · %s · %s원 · %s".formatted(
                        m.text("orderId"), m.text("articleTitle"), won(m.number("amount")), m.text("method"))));
            }
            case ORDER_PAID_BUYER -> {
                // a virtual-account order is paid when the deposit arrives: the buyer hears of the deposit
                boolean deposit = PaymentMethod.of(m.text("method")) == PaymentMethod.VIRTUAL_ACCOUNT;
                out.add(new Delivery.ToUser(m.number("recipientUserId"), new Alimtalk(
                        deposit ? AlimtalkTemplate.DEPOSIT_RECEIVED : AlimtalkTemplate.ORDER_PAID_BUYER, Map.of(
                        "articleTitle", m.text("articleTitle"), "amount", won(m.number("amount")), "orderId", m.text("orderId")))));
            }
            case ORDER_DEPOSIT_WAITING -> {
                OutboxMessage account = m.nested("virtualAccount");
                out.add(new Delivery.ToUser(m.number("recipientUserId"), new Alimtalk(AlimtalkTemplate.DEPOSIT_WAITING, Map.of(
                        "articleTitle", m.text("articleTitle"), "amount", won(m.number("amount")), "orderId", m.text("orderId"),
                        "bank", BankNames.of(account.text("bankCode")), "accountNumber", account.text("accountNumber"),
                        "dueDate", dayTime(account, "dueDate")))));
            }
            case ORDER_HOLD_EXPIRED -> out.add(new Delivery.ToUser(m.number("recipientUserId"), new Alimtalk(AlimtalkTemplate.HOLD_EXPIRED,
                    Map.of("articleTitle", m.text("articleTitle"), "articleId", Long.toString(m.number("articleId"))))));
            case ORDER_CANCELED -> {
                // a hold canceled before any money moved needs no message: the buyer just did it
                if (m.payload().path("refunded").asBoolean(false)) {
                    out.add(new Delivery.ToUser(m.number("recipientUserId"), new Alimtalk(AlimtalkTemplate.REFUND_DONE, Map.of(
                            "articleTitle", m.text("articleTitle"), "amount", won(m.number("amount")), "orderId", m.text("orderId")))));
                    out.add(new Delivery.ToOps("OPS_REFUND", "↩️ 환불 완료 · 주문 %s · %s · %s원".formatted(
                            m.text("orderId"), m.text("articleTitle"), won(m.number("amount")))));
                }
            }
            case ORDER_TRANSFERRED -> out.add(new Delivery.ToUser(m.number("recipientUserId"), new Alimtalk(
                    AlimtalkTemplate.ORDER_TRANSFERRED_BUYER, Map.of("articleTitle", m.text("articleTitle"),
                    "guestName", m.text("guestName"), "autoConfirmAt", dayTime(m, "autoConfirmAt"), "orderId", m.text("orderId")))));
            case ORDER_COMPLETED -> out.add(new Delivery.ToUser(m.number("recipientUserId"), new Alimtalk(
                    AlimtalkTemplate.ORDER_COMPLETED_SELLER, Map.of("articleTitle", m.text("articleTitle"),
                    "net", won(m.number("net")), "fee", won(m.number("fee")), "payableOn", day(m, "payableOn"),
                    "orderId", m.text("orderId")))));
            case ORDER_DISPUTED -> {
                out.add(new Delivery.ToUser(m.number("recipientUserId"), new Alimtalk(AlimtalkTemplate.DISPUTE_OPENED_SELLER,
                        Map.of("articleTitle", m.text("articleTitle"), "orderId", m.text("orderId")))));
                out.add(new Delivery.ToOps("OPS_DISPUTE", "⚖️ 분쟁 접수 #%d · 주문 %s · %s · %s원 · %s".formatted(
                        m.number("disputeId"), m.text("orderId"), m.text("articleTitle"), won(m.number("amount")),
                        m.text("reason"))));
            }
            case ORDER_REFUNDING -> {
                RefundRepository.Reason reason = m.constant("reason", RefundRepository.Reason.class);
                Map<String, String> order = Map.of("articleTitle", m.text("articleTitle"),
                        "amount", won(m.number("refundAmount")), "orderId", m.text("orderId"));
                if (m.payload().path("needsRefundAccount").asBoolean(false)) {
                    out.add(new Delivery.ToUser(m.number("recipientUserId"), new Alimtalk(AlimtalkTemplate.REFUND_ACCOUNT_NEEDED, order)));
                }
                switch (reason) {
                    case TRANSFER_DEADLINE_MISSED -> {
                        out.add(new Delivery.ToUser(m.number("sellerUserId"), new Alimtalk(
                                AlimtalkTemplate.TRANSFER_DEADLINE_MISSED_SELLER, Map.of("articleTitle", m.text("articleTitle"),
                                "transferDeadline", dayTime(m, "transferDeadline"), "orderId", m.text("orderId")))));
                        out.add(new Delivery.ToUser(m.number("recipientUserId"), new Alimtalk(AlimtalkTemplate.ORDER_CANCELED_BY_SELLER, order)));
                        out.add(new Delivery.ToOps("OPS_TRANSFER_MISSED", "⏰ 양도 기한 초과 · 주문 %s · %s · %s원 전액 환불".formatted(
                                m.text("orderId"), m.text("articleTitle"), won(m.number("refundAmount")))));
                    }
                    case SELLER_CANCELED, ADMIN -> out.add(new Delivery.ToUser(m.number("recipientUserId"),
                            new Alimtalk(AlimtalkTemplate.ORDER_CANCELED_BY_SELLER, order)));
                    case DISPUTE, OUTSIDE -> { } // a dispute's refund: both hear of it through dispute.resolved
                }
            }
            case DISPUTE_RESOLVED -> {
                String outcome = switch (m.constant("outcome", DisputeOutcome.class)) {
                    case REFUND -> "전액 환불";
                    case PARTIAL_REFUND -> "부분 환불";
                    case RELEASE -> "판매자 정산";
                };
                Map<String, String> values = Map.of("articleTitle", m.text("articleTitle"), "outcome", outcome,
                        "refundAmount", won(m.number("refundAmount")), "orderId", m.text("orderId"));
                out.add(new Delivery.ToUser(m.number("recipientUserId"), new Alimtalk(AlimtalkTemplate.DISPUTE_RESOLVED, values)));
                out.add(new Delivery.ToUser(m.number("sellerUserId"), new Alimtalk(AlimtalkTemplate.DISPUTE_RESOLVED, values)));
            }
            case REFUND_REFUSED -> out.add(new Delivery.ToOps("OPS_REFUND_REFUSED",
                    "🚨 환불 거절%s · 주문 %s · %s원 · 시도 %d · %s %s".formatted(
                            m.payload().path("givingUp").asBoolean(false) ? " (자동 재시도 중단, 수동 처리 필요)" : "",
                            m.text("orderId"), won(m.number("amount")), m.number("attempt"), m.text("code"), m.text("message"))));
            case PAYOUT_COMPLETED -> out.add(new Delivery.ToUser(m.number("sellerUserId"), new Alimtalk(
                    AlimtalkTemplate.PAYOUT_COMPLETED_SELLER, Map.of("amount", won(m.number("amount"))))));
            case PAYOUT_FAILED -> out.add(new Delivery.ToOps("OPS_PAYOUT_FAILED",
                    "🚨 지급 실패%s · 지급 #%d · 판매자 #%d · %s원 · 시도 %d · %s %s".formatted(
                            m.payload().path("givingUp").asBoolean(false) ? " (재시도 중단, 계좌 확인 필요)" : "",
                            m.number("payoutId"), m.number("merchantId"), won(m.number("amount")), m.number("attempt"),
                            m.text("code"), m.text("message"))));
            case PAYOUT_REFUSED -> out.add(new Delivery.ToOps("OPS_PAYOUT_REFUSED",
                    "🚨 지급 요청 거절 · %d건 · %s %s".formatted(m.number("payouts"), m.text("code"), m.text("message"))));
            case PAYOUT_BALANCE_SHORT -> out.add(new Delivery.ToOps("OPS_PAYOUT_BALANCE",
                    "💰 지급대행 잔액 부족 · 가능 %s원 · 대기 %s원".formatted(won(m.number("available")), won(m.number("waiting")))));
            case PAYMENT_ORPHANED -> out.add(new Delivery.ToOps("OPS_ORPHANED_PAYMENT",
                    "⚠️ 끝난 주문에 결제가 들어왔어요. 환불해 주세요 · 주문 %s (%s) · paymentKey %s · %s원".formatted(
                            m.text("orderId"), m.text("orderStatus"), m.text("paymentKey"), won(m.number("amount")))));
            case CRAWL_RUN_FINISHED -> out.add(new Delivery.ToOps("OPS_CRAWL_RUN",
                    "🕷️ 크롤링 #%d 완료 · 작업 %d (실패 %d) · 글 %d건 (새 글 %d건) · %d초".formatted(
                            m.number("runId"), m.number("tasks"), m.number("failedTasks"),
                            m.number("listings"), m.number("newListings"), m.number("seconds"))));
            case SAVED_SEARCH_MATCHED -> {
                // one article alone is told as itself; several matches, or a crawled listing, as a digest
                if (m.payload().has("articleId")) {
                    out.add(new Delivery.ToUser(m.number("recipientUserId"), new Alimtalk(AlimtalkTemplate.SAVED_SEARCH_ARTICLE,
                            Map.of("searchLabel", m.text("searchLabel"), "articleTitle", m.text("articleTitle"),
                                    "salePrice", won(m.number("salePrice")), "articleId", Long.toString(m.number("articleId"))))));
                } else {
                    out.add(new Delivery.ToUser(m.number("recipientUserId"), new Alimtalk(AlimtalkTemplate.SAVED_SEARCH_DIGEST,
                            Map.of("searchLabel", m.text("searchLabel"), "count", Long.toString(m.number("count")),
                                    "firstTitle", m.text("firstTitle"),
                                    "savedSearchId", Long.toString(m.number("savedSearchId"))))));
                }
            }
            case WATCH_PRICE_DROPPED -> out.add(new Delivery.ToUser(m.number("recipientUserId"), new Alimtalk(
                    AlimtalkTemplate.WATCHED_PRICE_DROPPED, Map.of("articleTitle", m.text("articleTitle"),
                    "previousPrice", won(m.number("previousPrice")), "salePrice", won(m.number("salePrice")),
                    "articleId", Long.toString(m.number("articleId"))))));
            case WATCH_BACK_ON_SALE -> out.add(new Delivery.ToUser(m.number("recipientUserId"), new Alimtalk(
                    AlimtalkTemplate.WATCHED_BACK_ON_SALE, Map.of("articleTitle", m.text("articleTitle"),
                    "salePrice", won(m.number("salePrice")), "articleId", Long.toString(m.number("articleId"))))));
            default -> throw new MalformedMessage("unknown topic " + m.topic());
        }
        return out;
    }

    /** An amount of won as Koreans write it: 180,000. */
    public static String won(long amount) {
        return NumberFormat.getIntegerInstance(Locale.KOREA).format(amount);
    }

    private static String day(OutboxMessage m, String field) {
        try {
            return LocalDate.parse(m.text(field)).format(DAY);
        } catch (DateTimeParseException e) {
            throw new MalformedMessage(m.topic() + ": payload." + field + " is not a date");
        }
    }

    /** An instant or offset date-time, shown in Korean time. */
    private static String dayTime(OutboxMessage m, String field) {
        String v = m.text(field);
        try {
            return OffsetDateTime.parse(v).atZoneSameInstant(KOREA).format(DAY_TIME);
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(v).atZone(KOREA).format(DAY_TIME);
            } catch (DateTimeParseException e2) {
                throw new MalformedMessage(m.topic() + ": payload." + field + " is not a date-time");
            }
        }
    }
}
