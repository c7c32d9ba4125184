package dev.noshowping.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.noshowping.testkit.DatabaseExtension;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;

/**
 * The schema protects the data by itself: each case below changes one thing in an otherwise valid
 * row (see {@link #validRowsOfEveryTableAreAccepted}) and expects PostgreSQL to reject it with the
 * right SQLState and the constraint (or, for NOT NULL, the column) that is meant to catch it.
 */
@ExtendWith(DatabaseExtension.class)
class SchemaConstraintsTest {

    private static final String UNIQUE = "23505";
    private static final String FOREIGN_KEY = "23503";
    private static final String CHECK = "23514";
    private static final String NOT_NULL = "23502";

    private static final List<String> TABLES = List.of("app_user", "merchant", "article", "service_product",
            "reservation", "screenshot", "external_link", "orders", "payment", "payment_event", "outbox",
            "notification", "crawl_keyword", "crawl_run", "crawl_task", "crawled_listing", "listing_keyword",
            "resale_check", "idempotency_key", "dispute", "order_evidence", "refund", "settlement", "payout",
            "rate_bucket", "screenshot_object_deletion", "admin_action", "queue_redrive",
            "saved_search", "saved_search_match", "article_watch", "watch_notice");

    @Test
    void validRowsOfEveryTableAreAccepted(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            Fixture f = new Fixture(c);
            long order = f.order(f.article);
            f.insert("service_product", f.serviceProduct(f.article));
            f.insert("screenshot", f.screenshot(), "status", "LINKED", "reservation_id", f.reservation());
            f.insert("payment", f.payment(order));
            f.insert("payment_event", f.paymentEvent(), "order_id", order);
            f.insert("notification", f.notification(f.outbox()));
            f.insert("notification", f.notification(f.outbox()), "channel", "DISCORD", "recipient", "ops",
                    "status", "SENT", "sent_at", "2026-12-01T00:00:00Z");
            f.insert("crawl_task", f.crawlTask());
            f.insert("listing_keyword", f.listingKeyword(f.listing()));
            f.insert("resale_check", f.resaleCheck(f.externalLink()));
            f.insert("idempotency_key", f.idempotencyKey());
            long paid = f.paidOrder("DISPUTED");
            f.insert("dispute", f.dispute(paid));
            f.insert("order_evidence", Map.of("order_id", paid, "screenshot_id", f.insert("screenshot", f.screenshot()),
                    "kind", "DISPUTE"));
            long refunded = f.paidOrder("REFUNDED");
            f.insert("refund", f.refund(refunded), "status", "DONE", "done_at", "2026-12-02T00:00:00Z");
            Object payout = f.insert("payout", f.payout());
            f.insert("settlement", f.settlement(f.paidOrder("COMPLETED")), "payout_id", payout);
            f.insert("rate_bucket", f.rateBucket());
            f.insert("screenshot_object_deletion", Map.of("object_key", "screenshots/gone.jpg"));
            f.insert("admin_action", adminAction());
            f.insert("queue_redrive", queueRedrive());
            Object search = f.insert("saved_search", savedSearch(f.buyer));
            f.insert("saved_search_match", savedSearchMatch(search, f.article), "outbox_id", f.outbox());
            f.insert("article_watch", Map.of("article_id", f.article, "user_id", f.buyer));
            f.insert("watch_notice", f.watchNotice(f.outbox()));

            for (String table : TABLES) {
                assertThat(count(c, table)).as(table).isPositive();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void rejectsRowsThatBreakAConstraint(Violation v, DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            Fixture f = new Fixture(c);
            PSQLException e = catchThrowableOfType(PSQLException.class, () -> v.action().accept(f));

            assertThat((Throwable) e).as("rejected").isNotNull();   // SQLException is Iterable
            assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo(v.sqlState());
            var server = e.getServerErrorMessage();
            assertThat(v.sqlState().equals(NOT_NULL) ? server.getColumn() : server.getConstraint())
                    .as(e.getMessage()).isEqualTo(v.constraint());
        }
    }

    static Stream<Violation> violations() {
        return Stream.of(
                // article
                reject("sale price above original price", CHECK, "article_price_check",
                        f -> f.insert("article", f.article(), "original_price", 300_000, "sale_price", 300_001)),
                reject("check-out on the check-in day", CHECK, "article_stay_check",
                        f -> f.insert("article", f.article(), "check_out", "2026-12-24")),
                reject("check-out before check-in", CHECK, "article_stay_check",
                        f -> f.insert("article", f.article(), "check_out", "2026-12-23")),
                reject("zero sale price", CHECK, "won_amount_check",
                        f -> f.insert("article", f.article(), "sale_price", 0)),
                reject("blank title", CHECK, "display_name_check",
                        f -> f.insert("article", f.article(), "title", "   ")),
                reject("title over 100 chars", CHECK, "display_name_check",
                        f -> f.insert("article", f.article(), "title", "가".repeat(101))),
                reject("description over 5000 chars", CHECK, "article_description_check",
                        f -> f.insert("article", f.article(), "description", "x".repeat(5001))),
                reject("missing title", NOT_NULL, "title",
                        f -> f.insert("article", f.article(), "title", null)),
                reject("unknown article status", CHECK, "article_status_check",
                        f -> f.insert("article", f.article(), "status", "DELETED")),
                // the audit log: who, what and why are all required
                reject("staff action without a reason", CHECK, "admin_action_reason_check",
                        f -> f.insert("admin_action", adminAction(), "reason", "  ")),
                reject("staff action of an unknown kind", CHECK, "admin_action_kind_check",
                        f -> f.insert("admin_action", adminAction(), "kind", "ARTICLE_DELETED")),
                reject("staff action on an unknown kind of row", CHECK, "admin_action_target_type_check",
                        f -> f.insert("admin_action", adminAction(), "target_type", "SCREENSHOT")),
                reject("a redrive of a queue name SQS would refuse", CHECK, "queue_redrive_dead_letter_queue_check",
                        f -> f.insert("queue_redrive", queueRedrive(), "dead_letter_queue", "crawl tasks dlq")),
                reject("a redrive of a negative count of messages", CHECK, "queue_redrive_messages_check",
                        f -> f.insert("queue_redrive", queueRedrive(), "messages", -1)),
                // saved searches: some criterion, ranges the right way round, each item matched once
                reject("a saved search without any criterion", CHECK, "saved_search_some_criterion_check",
                        f -> f.insert("saved_search", Map.of("user_id", f.buyer))),
                reject("a saved search whose stay ends as it begins", CHECK, "saved_search_stay_check",
                        f -> f.insert("saved_search", savedSearch(f.buyer), "stay_from", "2026-12-24", "stay_to", "2026-12-24")),
                reject("a saved search of more than five words", CHECK, "saved_search_words_check",
                        f -> f.insert("saved_search", savedSearch(f.buyer), "words", "{a1,b2,c3,d4,e5,f6}")),
                reject("a match of an unknown kind of item", CHECK, "saved_search_match_item_kind_check",
                        f -> f.insert("saved_search_match", savedSearchMatch(f.insert("saved_search", savedSearch(f.buyer)),
                                f.article), "item_kind", "MERCHANT")),
                reject("one item matched twice by one search", UNIQUE, "saved_search_match_saved_search_id_item_kind_item_id_key",
                        f -> {
                            Object search = f.insert("saved_search", savedSearch(f.buyer));
                            f.insert("saved_search_match", savedSearchMatch(search, f.article));
                            f.insert("saved_search_match", savedSearchMatch(search, f.article));
                        }),
                reject("a booking digest that is not a SHA-256", CHECK, "reservation_booking_reference_digest_check",
                        f -> f.insert("reservation", f.reservationRow(f.newArticle()), "booking_reference_digest", new byte[16])),
                reject("a screenshot digest that is not a SHA-256", CHECK, "screenshot_content_sha256_check",
                        f -> f.insert("screenshot", f.screenshot(), "content_sha256", new byte[31])),
                reject("staff action by nobody", CHECK, "admin_action_admin_subject_check",
                        f -> f.insert("admin_action", adminAction(), "admin_subject", "")),
                reject("article of a missing merchant", FOREIGN_KEY, "article_merchant_id_fkey",
                        f -> f.insert("article", f.article(), "merchant_id", 999_999)),
                // children of article
                reject("service product of a missing article", FOREIGN_KEY, "service_product_article_id_fkey",
                        f -> f.insert("service_product", f.serviceProduct(999_999))),
                reject("second service product of an article", UNIQUE, "service_product_article_id_key", f -> {
                    f.insert("service_product", f.serviceProduct(f.article));
                    f.insert("service_product", f.serviceProduct(f.article));
                }),
                reject("zero guests", CHECK, "service_product_guests_check",
                        f -> f.insert("service_product", f.serviceProduct(f.article), "guests", 0)),
                reject("options not a JSON object", CHECK, "service_product_options_check",
                        f -> f.insert("service_product", f.serviceProduct(f.article), "options", "[]")),
                reject("second reservation of an article", UNIQUE, "reservation_article_id_key", f -> {
                    f.reservation();
                    f.insert("reservation", f.reservationRow(f.article));
                }),
                reject("external link of a missing article", FOREIGN_KEY, "external_link_article_id_fkey",
                        f -> f.insert("external_link", f.externalLinkRow(), "article_id", 999_999)),
                reject("same external link twice", UNIQUE, "external_link_article_id_source_external_id_key", f -> {
                    f.insert("external_link", f.externalLinkRow());
                    f.insert("external_link", f.externalLinkRow());
                }),
                reject("resale check of another article's link", FOREIGN_KEY, "resale_check_link_fk",
                        f -> f.insert("resale_check", f.resaleCheck(f.externalLink()), "article_id", f.newArticle())),
                reject("resale check of a link and a crawled listing at once", CHECK, "resale_check_target_check",
                        f -> f.insert("resale_check", f.resaleCheck(f.externalLink()), "crawled_listing_id", f.listing())),
                reject("resale check of neither", CHECK, "resale_check_target_check",
                        f -> f.insert("resale_check", f.resaleCheck(f.externalLink()), "external_link_id", null)),
                reject("a guess sold elsewhere: only the seller's link says so", CHECK, "resale_check_sold_elsewhere_check",
                        f -> f.insert("resale_check", f.resaleCheck(f.externalLink()), "external_link_id", null,
                                "crawled_listing_id", f.listing(), "outcome", "SOLD_ELSEWHERE")),
                reject("a seller's link sold as a guess", CHECK, "resale_check_similar_sold_check",
                        f -> f.insert("resale_check", f.resaleCheck(f.externalLink()), "outcome", "SIMILAR_SOLD")),
                // users and merchants
                reject("user becomes a merchant twice", UNIQUE, "merchant_user_id_key",
                        f -> f.insert("merchant", f.merchantRow(f.seller))),
                reject("plain account number as the masked one", CHECK, "merchant_payout_account_masked_check",
                        f -> f.insert("merchant", f.merchantRow(f.buyer), "payout_account_masked", "110123456789")),
                reject("duplicate JWT subject", UNIQUE, "app_user_external_subject_key",
                        f -> f.insert("app_user", f.user(), "external_subject", "sub-1")),
                reject("phone not E.164", CHECK, "app_user_phone_check",
                        f -> f.insert("app_user", f.user(), "phone", "010-1234-5678")),
                reject("unknown role", CHECK, "app_user_role_check",
                        f -> f.insert("app_user", f.user(), "role", "ROOT")),
                // screenshots
                reject("LINKED screenshot without reservation", CHECK, "screenshot_link_check",
                        f -> f.insert("screenshot", f.screenshot(), "status", "LINKED")),
                reject("unlinked screenshot with a reservation", CHECK, "screenshot_link_check",
                        f -> f.insert("screenshot", f.screenshot(), "reservation_id", f.reservation())),
                reject("screenshot over 10 MB", CHECK, "screenshot_size_bytes_check",
                        f -> f.insert("screenshot", f.screenshot(), "size_bytes", 10 * 1024 * 1024 + 1)),
                reject("empty screenshot", CHECK, "screenshot_size_bytes_check",
                        f -> f.insert("screenshot", f.screenshot(), "size_bytes", 0)),
                reject("screenshot that is not an image", CHECK, "screenshot_content_type_check",
                        f -> f.insert("screenshot", f.screenshot(), "content_type", "application/pdf")),
                reject("duplicate object key", UNIQUE, "screenshot_object_key_key", f -> {
                    f.insert("screenshot", f.screenshot(), "object_key", "screenshots/same.jpg");
                    f.insert("screenshot", f.screenshot(), "object_key", "screenshots/same.jpg");
                }),
                // orders and payments
                reject("duplicate origin_order_id", UNIQUE, "orders_origin_order_id_key", f -> {
                    f.insert("orders", f.orderRow(f.article), "origin_order_id", "ord_same_0001");
                    f.insert("orders", f.orderRow(f.newArticle()), "origin_order_id", "ord_same_0001");
                }),
                reject("order of a missing article", FOREIGN_KEY, "orders_article_id_fkey",
                        f -> f.insert("orders", f.orderRow(999_999))),
                reject("zero order amount", CHECK, "won_amount_check",
                        f -> f.insert("orders", f.orderRow(f.article), "amount", 0)),
                reject("unknown order status", CHECK, "order_status_check",
                        f -> f.insert("orders", f.orderRow(f.article), "status", "SHIPPED")),
                reject("paid order without the time it was paid", CHECK, "orders_paid_at_check",
                        f -> f.insert("orders", f.orderRow(f.article), "status", "PAID")),
                reject("transferred order without its auto-confirm time", CHECK, "orders_transferred_check",
                        f -> f.insert("orders", f.orderRow(f.article), "status", "TRANSFERRED", "paid_at", "2026-12-01T00:05:00Z",
                                "transferred_at", "2026-12-01T01:00:00Z")),
                reject("completed order without its completion time", CHECK, "orders_completed_check",
                        f -> f.insert("orders", f.orderRow(f.article), "status", "COMPLETED", "paid_at", "2026-12-01T00:05:00Z")),
                reject("blank guest name", CHECK, "guest_name_check",
                        f -> f.insert("orders", f.orderRow(f.article), "guest_name", " ")),
                reject("order without its seller", NOT_NULL, "seller_user_id",
                        f -> f.insert("orders", f.orderRow(f.article), "seller_user_id", null)),
                // after the payment
                reject("second dispute of an order", UNIQUE, "dispute_order_id_key", f -> {
                    long order = f.paidOrder("DISPUTED");
                    f.insert("dispute", f.dispute(order));
                    f.insert("dispute", f.dispute(order));
                }),
                reject("resolved dispute without an outcome", CHECK, "dispute_resolved_check",
                        f -> f.insert("dispute", f.dispute(f.paidOrder("DISPUTED")), "status", "RESOLVED")),
                reject("partial refund without its amount", CHECK, "dispute_partial_refund_check",
                        f -> f.insert("dispute", f.dispute(f.paidOrder("DISPUTED")), "status", "RESOLVED",
                                "outcome", "PARTIAL_REFUND", "resolution_note", "x", "resolved_at", "2026-12-02T00:00:00Z",
                                "resolved_by_user_id", f.buyer)),
                reject("a screenshot attached to two orders", UNIQUE, "order_evidence_screenshot_id_key", f -> {
                    Object shot = f.insert("screenshot", f.screenshot());
                    f.insert("order_evidence", Map.of("order_id", f.paidOrder("DISPUTED"), "screenshot_id", shot, "kind", "DISPUTE"));
                    f.insert("order_evidence", Map.of("order_id", f.paidOrder("TRANSFERRED"), "screenshot_id", shot,
                            "kind", "TRANSFER_PROOF"));
                }),
                reject("second refund of an order", UNIQUE, "refund_order_id_key", f -> {
                    long order = f.paidOrder("REFUNDING");
                    f.insert("refund", f.refund(order));
                    f.insert("refund", f.refund(order), "idempotency_key", "refund-other-1");
                }),
                reject("refund done without its time", CHECK, "refund_done_check",
                        f -> f.insert("refund", f.refund(f.paidOrder("REFUNDED")), "status", "DONE")),
                reject("settlement whose fee and net are not its gross", CHECK, "settlement_sum_check",
                        f -> f.insert("settlement", f.settlement(f.paidOrder("COMPLETED")), "net", 285_001)),
                // rate buckets
                reject("a negative number of tokens", CHECK, "rate_bucket_tokens_check",
                        f -> f.insert("rate_bucket", f.rateBucket(), "tokens", -0.5)),
                reject("an action nobody limits", CHECK, "rate_bucket_action_check",
                        f -> f.insert("rate_bucket", f.rateBucket(), "action", "LOGIN")),
                reject("a second bucket for one user and action", UNIQUE, "rate_bucket_pkey", f -> {
                    f.insert("rate_bucket", f.rateBucket());
                    f.insert("rate_bucket", f.rateBucket());
                }),
                // objects of deleted screenshots
                reject("a blank object key to delete", CHECK, "screenshot_object_deletion_object_key_check",
                        f -> f.insert("screenshot_object_deletion", Map.of("object_key", " "))),
                reject("an object queued twice", UNIQUE, "screenshot_object_deletion_pkey", f -> {
                    f.insert("screenshot_object_deletion", Map.of("object_key", "screenshots/gone.jpg"));
                    f.insert("screenshot_object_deletion", Map.of("object_key", "screenshots/gone.jpg"));
                }),
                reject("payout sent without its request's key", CHECK, "payout_sent_check",
                        f -> f.insert("payout", f.payout(), "status", "REQUESTED")),
                reject("payout completed without its time", CHECK, "payout_completed_check",
                        f -> f.insert("payout", f.payout(), "status", "COMPLETED", "idempotency_key", "payouts-1",
                                "sent_at", "2026-12-03T01:00:00Z")),
                reject("the same refPayoutId twice", UNIQUE, "payout_ref_payout_id_key", f -> {
                    f.insert("payout", f.payout(), "ref_payout_id", "po_same_0001");
                    f.insert("payout", f.payout(), "ref_payout_id", "po_same_0001");
                }),
                reject("settlement in a missing payout", FOREIGN_KEY, "settlement_payout_id_fkey",
                        f -> f.insert("settlement", f.settlement(f.paidOrder("COMPLETED")), "payout_id", 999_999)),
                reject("second settlement of an order", UNIQUE, "settlement_order_id_key", f -> {
                    long order = f.paidOrder("COMPLETED");
                    f.insert("settlement", f.settlement(order));
                    f.insert("settlement", f.settlement(order));
                }),
                reject("second payment of an order", UNIQUE, "payment_order_id_key", f -> {
                    long order = f.order(f.article);
                    f.insert("payment", f.payment(order));
                    f.insert("payment", f.payment(order));
                }),
                reject("duplicate payment key", UNIQUE, "payment_payment_key_key", f -> {
                    f.insert("payment", f.payment(f.order(f.article)), "payment_key", "pk_same");
                    f.insert("payment", f.payment(f.order(f.newArticle())), "payment_key", "pk_same");
                }),
                reject("duplicate confirm idempotency key", UNIQUE, "payment_idempotency_key_key", f -> {
                    f.insert("payment", f.payment(f.order(f.article)), "idempotency_key", "confirm-same");
                    f.insert("payment", f.payment(f.order(f.newArticle())), "idempotency_key", "confirm-same");
                }),
                reject("DONE payment without approval time", CHECK, "payment_done_approved_check",
                        f -> f.insert("payment", f.payment(f.order(f.article)), "approved_at", null)),
                reject("card payment waiting for a deposit", CHECK, "payment_deposit_check",
                        f -> f.insert("payment", f.payment(f.order(f.article)), "status", "WAITING_FOR_DEPOSIT")),
                reject("unknown payment method", CHECK, "payment_method_check",
                        f -> f.insert("payment", f.payment(f.order(f.article)), "method", "BITCOIN")),
                reject("same webhook event twice", UNIQUE, "payment_event_source_event_key_key", f -> {
                    f.insert("payment_event", f.paymentEvent(), "source_event_key", "tx-1");
                    f.insert("payment_event", f.paymentEvent(), "source_event_key", "tx-1");
                }),
                reject("same client idempotency key twice", UNIQUE, "idempotency_key_pkey", f -> {
                    f.insert("idempotency_key", f.idempotencyKey());
                    f.insert("idempotency_key", f.idempotencyKey());
                }),
                reject("idempotent answer stored both as text and as seed", CHECK, "idempotency_key_one_answer_check",
                        f -> f.insert("idempotency_key", f.idempotencyKey(), "response", "{}",
                                "answer_seed", "{\"articleId\":1}")),
                // messaging
                reject("second notification of an outbox message on one channel", UNIQUE, "notification_outbox_channel_key", f -> {
                    Object outbox = f.outbox();
                    f.insert("notification", f.notification(outbox));
                    f.insert("notification", f.notification(outbox));
                }),
                // watches
                reject("second watch of an article by one user", UNIQUE, "article_watch_once", f -> {
                    f.insert("article_watch", Map.of("article_id", f.article, "user_id", f.buyer));
                    f.insert("article_watch", Map.of("article_id", f.article, "user_id", f.buyer));
                }),
                reject("second notice of one watch event to one watcher", UNIQUE, "watch_notice_pkey", f -> {
                    Object event = f.outbox();
                    f.insert("watch_notice", f.watchNotice(event));
                    f.insert("watch_notice", f.watchNotice(event));
                }),
                reject("alimtalk to a number that is not E.164", CHECK, "notification_phone_check",
                        f -> f.insert("notification", f.notification(f.outbox()), "recipient", "01012345678")),
                reject("unknown notification channel", CHECK, "notification_channel_check",
                        f -> f.insert("notification", f.notification(f.outbox()), "channel", "SMS")),
                // crawler
                reject("duplicate listing (source, external_id)", UNIQUE, "crawled_listing_source_external_id_key", f -> {
                    f.insert("crawled_listing", f.listingRow(), "external_id", "123456789");
                    f.insert("crawled_listing", f.listingRow(), "external_id", "123456789");
                }),
                reject("unknown crawl source", CHECK, "crawled_listing_source_check",
                        f -> f.insert("crawled_listing", f.listingRow(), "source", "DANGGEUN")),
                reject("duplicate keyword", UNIQUE, "crawl_keyword_keyword_key", f -> {
                    f.insert("crawl_keyword", f.keywordRow(), "keyword", "호텔 양도");
                    f.insert("crawl_keyword", f.keywordRow(), "keyword", "호텔 양도");
                }),
                reject("untrimmed keyword", CHECK, "crawl_keyword_keyword_check",
                        f -> f.insert("crawl_keyword", f.keywordRow(), "keyword", " 호텔 양도")),
                reject("second task for (run, source, keyword)", UNIQUE, "crawl_task_run_id_source_keyword_id_key", f -> {
                    f.insert("crawl_task", f.crawlTask());
                    f.insert("crawl_task", f.crawlTask());
                }),
                reject("same keyword recorded twice for a listing", UNIQUE, "listing_keyword_pkey", f -> {
                    long listing = f.listing();
                    f.insert("listing_keyword", f.listingKeyword(listing));
                    f.insert("listing_keyword", f.listingKeyword(listing));
                }));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"abc12", "ord 123456", "ord#123456", "주문번호123456", "ord_1234567890123456789012345678901234567890123456789012345678901"})
    void rejectsOriginOrderIdsTossWouldRefuse(String originOrderId, DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            Fixture f = new Fixture(c);
            assertRejected(CHECK, "toss_order_id_check",
                    () -> f.insert("orders", f.orderRow(f.article), "origin_order_id", originOrderId));
        }
    }

    @ParameterizedTest(name = "first order {0}")
    @ValueSource(strings = {"PENDING", "CONFIRMING", "WAITING_FOR_DEPOSIT", "PAID", "TRANSFERRED", "COMPLETED",
                            "DISPUTED", "REFUNDING", "PARTIALLY_REFUNDED"})
    void aSecondActiveOrderOnTheSameArticleIsRejected(String firstStatus, DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            Fixture f = new Fixture(c);
            f.insert("orders", f.orderRow(f.article), Fixture.inState(firstStatus));

            assertRejected(UNIQUE, "orders_one_active_per_article_idx",
                    () -> f.insert("orders", f.orderRow(f.article)));
            // another article is not affected
            assertThatCode(() -> f.insert("orders", f.orderRow(f.newArticle()))).doesNotThrowAnyException();
        }
    }

    @ParameterizedTest(name = "first order {0}")
    @ValueSource(strings = {"CANCELED", "EXPIRED", "FAILED", "REFUNDED"})
    void aNewOrderIsAcceptedOnceTheFormerOneIsOver(String finishedStatus, DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            Fixture f = new Fixture(c);
            f.insert("orders", f.orderRow(f.article), Fixture.inState(finishedStatus));
            f.insert("orders", f.orderRow(f.article), Fixture.inState(finishedStatus));
            f.insert("orders", f.orderRow(f.article));

            assertThat(count(c, "orders")).isEqualTo(3);
            // and the new one now blocks further holds
            assertRejected(UNIQUE, "orders_one_active_per_article_idx",
                    () -> f.insert("orders", f.orderRow(f.article)));
        }
    }

    @Test
    void theSameExternalIdOnAnotherMarketIsADifferentListing(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            Fixture f = new Fixture(c);
            f.insert("crawled_listing", f.listingRow(), "source", "BUNJANG", "external_id", "42424242");
            f.insert("crawled_listing", f.listingRow(), "source", "JOONGNA", "external_id", "42424242");
            assertThat(count(c, "crawled_listing")).isEqualTo(2);
        }
    }

    @Test
    void everyForeignKeyColumnLeadsAFullIndex(DataSource ds) throws SQLException {
        List<String> unindexed = new ArrayList<>();
        int foreignKeys = 0;
        try (Connection c = ds.getConnection(); var s = c.createStatement(); var rs = s.executeQuery("""
                select c.conrelid::regclass::text || '(' ||
                       (select string_agg(a.attname, ', ' order by k.n)
                          from unnest(c.conkey) with ordinality k(attnum, n)
                          join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum) || ')',
                       exists (select 1 from pg_index i
                                where i.indrelid = c.conrelid
                                  and i.indpred is null          -- a partial index does not cover every row
                                  and (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)]
                                      @> c.conkey
                                  and (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)]
                                      <@ c.conkey) as indexed
                  from pg_constraint c
                 where c.contype = 'f' and c.connamespace = 'public'::regnamespace""")) {
            while (rs.next()) {
                foreignKeys++;
                if (!rs.getBoolean(2)) {
                    unindexed.add(rs.getString(1));
                }
            }
        }
        assertThat(foreignKeys).as("foreign keys found").isGreaterThanOrEqualTo(20);
        assertThat(unindexed).as("foreign keys without a leading index").isEmpty();
    }

    private static Map<String, Object> queueRedrive() {
        return Map.of("dead_letter_queue", "noshowping-dev-crawl-tasks-dlq", "task_handle", "task-1", "messages", 2,
                "admin_subject", "ops-kim");
    }

    private static Map<String, Object> savedSearch(long user) {
        return Map.of("user_id", user, "words", "{제주,한라}", "max_price", 200_000);
    }

    private static Map<String, Object> savedSearchMatch(Object search, long article) {
        return Map.of("saved_search_id", search, "item_kind", "ARTICLE", "item_id", article);
    }

    private static Map<String, Object> adminAction() {
        return Map.of("admin_subject", "ops-kim", "kind", "MERCHANT_SUSPENDED", "target_type", "MERCHANT",
                "target_id", 1, "reason", "같은 예약 번호로 두 건 게시");
    }

    @Test
    void theSchemaHasExactlyTheModelsTables(DataSource ds) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = ds.getConnection(); var s = c.createStatement(); var rs = s.executeQuery("""
                select table_name from information_schema.tables
                 where table_schema = 'public' and table_type = 'BASE TABLE'
                   and table_name <> 'flyway_schema_history'""")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        assertThat(tables).containsExactlyInAnyOrderElementsOf(TABLES);
    }

    // ------------------------------------------------------------------------------------------

    record Violation(String name, String sqlState, String constraint, ThrowingConsumer<Fixture> action) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Violation reject(String name, String sqlState, String constraint, ThrowingConsumer<Fixture> action) {
        return new Violation(name, sqlState, constraint, action);
    }

    private interface SqlAction {
        void run() throws SQLException;
    }

    private static void assertRejected(String sqlState, String constraint, SqlAction action) {
        PSQLException e = catchThrowableOfType(PSQLException.class, action::run);
        assertThat((Throwable) e).as("rejected").isNotNull();   // SQLException is Iterable
        assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo(sqlState);
        assertThat(e.getServerErrorMessage().getConstraint()).as(e.getMessage()).isEqualTo(constraint);
    }

    private static long count(Connection c, String table) throws SQLException {
        try (var s = c.createStatement(); var rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Valid rows for every table (unique values drawn from a counter), plus a buyer, a seller who
     * is a merchant, and one article. Values are bound untyped, so PostgreSQL casts them to the
     * column type (text, date, timestamptz, jsonb, uuid, bytea as hex).
     */
    static final class Fixture {
        private final Connection c;
        private int seq;
        final long buyer;
        final long seller;
        final long merchant;
        final long article;
        private Long reservation;
        private Long keyword;
        private Long run;

        Fixture(Connection c) throws SQLException {
            this.c = c;
            buyer = (Long) insert("app_user", user());
            seller = (Long) insert("app_user", user());
            merchant = (Long) insert("merchant", merchantRow(seller));
            article = (Long) insert("article", article());
        }

        /** Inserts {@code row} with {@code overrides} (column, value, column, value, …); returns the first column. */
        Object insert(String table, Map<String, Object> row, Object... overrides) throws SQLException {
            Map<String, Object> values = new LinkedHashMap<>(row);
            for (int i = 0; i < overrides.length; i += 2) {
                values.put((String) overrides[i], overrides[i + 1]);
            }
            String sql = "insert into " + table + " (" + String.join(", ", values.keySet()) + ") values ("
                    + String.join(", ", values.keySet().stream().map(k -> "?").toList()) + ") returning *";
            try (var ps = c.prepareStatement(sql)) {
                int i = 1;
                for (Object v : values.values()) {
                    if (v instanceof Number) {
                        ps.setObject(i++, v);
                    } else {
                        ps.setObject(i++, v, Types.OTHER);
                    }
                }
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getObject(1);
                }
            }
        }

        private int next() {
            return ++seq;
        }

        Map<String, Object> user() {
            int n = next();
            return Map.of("external_subject", "sub-" + n, "phone", "+8210" + (10_000_000 + n),
                    "display_name", "사용자" + n, "role", "USER");
        }

        Map<String, Object> merchantRow(long userId) {
            return Map.of("user_id", userId, "merchant_name", "제주여행샵", "payout_bank", "088",
                    "payout_account_masked", "110-***-456789", "payout_account_encrypted", "\\x0102030405");
        }

        Map<String, Object> article() {
            return Map.of("merchant_id", merchant, "title", "제주 한라호텔 12/24 1박 양도", "description", "조식 포함",
                    "accommodation_name", "한라호텔", "region", "JEJU", "check_in", "2026-12-24",
                    "check_out", "2026-12-25", "original_price", 320_000, "sale_price", 300_000);
        }

        long newArticle() throws SQLException {
            return (Long) insert("article", article());
        }

        Map<String, Object> serviceProduct(long articleId) {
            return Map.of("article_id", articleId, "room_type", "디럭스 더블", "guests", 2,
                    "options", "{\"breakfast\": true}");
        }

        Map<String, Object> reservationRow(long articleId) {
            return Map.of("article_id", articleId, "booking_platform", "YANOLJA",
                    "booking_reference_encrypted", "\\x0a0b0c", "guest_name", "홍길동",
                    "transfer_method", "NAME_CHANGE");
        }

        long reservation() throws SQLException {
            if (reservation == null) {
                reservation = (Long) insert("reservation", reservationRow(article));
            }
            return reservation;
        }

        Map<String, Object> screenshot() {
            return Map.of("owner_user_id", seller, "object_key", "screenshots/" + next() + ".jpg",
                    "content_type", "image/jpeg", "size_bytes", 183_204, "status", "UPLOADED");
        }

        Map<String, Object> externalLinkRow() {
            return Map.of("article_id", article, "source", "BUNJANG", "external_id", "123456789",
                    "url", "https://m.bunjang.co.kr/products/123456789");
        }

        long externalLink() throws SQLException {
            return (Long) insert("external_link", externalLinkRow());
        }

        Map<String, Object> resaleCheck(long externalLinkId) {
            return Map.of("article_id", article, "external_link_id", externalLinkId,
                    "observed_status", "SELLING", "outcome", "STILL_LISTED");
        }

        Map<String, Object> orderRow(long articleId) {
            return Map.of("origin_order_id", "ord_" + next() + "_abcdef", "article_id", articleId,
                    "buyer_user_id", buyer, "seller_user_id", seller, "amount", 300_000, "status", "PENDING",
                    "hold_expires_at", "2026-12-01T00:10:00Z", "guest_name", "김민수");
        }

        /** The overrides that make a valid order in {@code status}: the times its state requires. */
        static Object[] inState(String status) {
            List<Object> o = new ArrayList<>(List.of("status", status));
            if (List.of("PAID", "TRANSFERRED", "COMPLETED", "DISPUTED", "REFUNDING", "REFUNDED", "PARTIALLY_REFUNDED")
                    .contains(status)) {
                o.addAll(List.of("paid_at", "2026-12-01T00:05:00Z", "transfer_deadline", "2026-12-02T00:05:00Z"));
            }
            if (status.equals("TRANSFERRED")) {
                o.addAll(List.of("transferred_at", "2026-12-01T01:00:00Z", "auto_confirm_at", "2026-12-02T01:00:00Z"));
            }
            if (status.equals("COMPLETED")) {
                o.addAll(List.of("completed_at", "2026-12-02T01:00:00Z"));
            }
            return o.toArray();
        }

        /** A valid paid order of a new article, in {@code status}. */
        long paidOrder(String status) throws SQLException {
            return (Long) insert("orders", orderRow(newArticle()), inState(status));
        }

        Map<String, Object> dispute(long orderId) {
            return Map.of("order_id", orderId, "reason", "NAME_NOT_CHANGED", "description", "예약자 이름이 그대로예요");
        }

        Map<String, Object> refund(long orderId) {
            return Map.of("order_id", orderId, "amount", 300_000, "reason", "SELLER_CANCELED",
                    "idempotency_key", "refund-ord-" + next() + "-1");
        }

        Map<String, Object> rateBucket() {
            return Map.of("subject", "user-1", "action", "HOLD", "tokens", 5.0, "refilled_at", "2026-12-02T00:00:00Z");
        }

        Map<String, Object> payout() {
            return Map.of("merchant_id", merchant, "amount", 285_000, "ref_payout_id", "po_" + next() + "_abcdef");
        }

        Map<String, Object> settlement(long orderId) {
            return Map.of("order_id", orderId, "merchant_id", merchant, "gross", 300_000, "fee_bps", 500,
                    "fee", 15_000, "net", 285_000, "payable_on", "2026-12-26");
        }

        long order(long articleId) throws SQLException {
            return (Long) insert("orders", orderRow(articleId));
        }

        Map<String, Object> payment(long orderId) {
            int n = next();
            return Map.of("order_id", orderId, "payment_key", "pk_" + n, "method", "CARD", "status", "DONE",
                    "amount", 300_000, "approved_at", "2026-12-01T00:05:00Z", "raw", "{\"status\": \"DONE\"}",
                    "idempotency_key", "confirm-" + n);
        }

        Map<String, Object> paymentEvent() {
            return Map.of("source_event_key", "evt-" + next(), "event_type", "PAYMENT_STATUS_CHANGED",
                    "payload", "{\"eventType\": \"PAYMENT_STATUS_CHANGED\"}");
        }

        Object outbox() throws SQLException {
            return insert("outbox", Map.of("topic", "article.created", "payload", "{\"articleId\": 1}"));
        }

        Map<String, Object> watchNotice(Object eventId) {
            return Map.of("event_id", eventId.toString(), "user_id", buyer, "notice_id", java.util.UUID.randomUUID().toString());
        }

        Map<String, Object> notification(Object outboxId) {
            return Map.of("outbox_id", outboxId.toString(), "channel", "ALIMTALK", "template", "ARTICLE_CREATED",
                    "recipient", "+821012345678", "status", "PENDING");
        }

        Map<String, Object> keywordRow() {
            return Map.of("keyword", "숙소 양도 " + next());
        }

        long keyword() throws SQLException {
            if (keyword == null) {
                keyword = (Long) insert("crawl_keyword", keywordRow());
            }
            return keyword;
        }

        long run() throws SQLException {
            if (run == null) {
                run = (Long) insert("crawl_run", Map.of("trigger", "SCHEDULE"));
            }
            return run;
        }

        Map<String, Object> crawlTask() throws SQLException {
            return Map.of("run_id", run(), "source", "BUNJANG", "keyword_id", keyword(), "status", "QUEUED");
        }

        Map<String, Object> listingRow() {
            int n = next();
            return Map.of("source", "BUNJANG", "external_id", "9" + n, "title", "한라호텔 양도", "price", 300_000,
                    "url", "https://m.bunjang.co.kr/products/9" + n, "sale_status", "SELLING");
        }

        long listing() throws SQLException {
            return (Long) insert("crawled_listing", listingRow());
        }

        Map<String, Object> listingKeyword(long listingId) throws SQLException {
            return Map.of("listing_id", listingId, "keyword_id", keyword(), "first_run_id", run());
        }

        Map<String, Object> idempotencyKey() {
            return Map.of("user_id", buyer, "key", "idem-1", "request_hash", "ab".repeat(32));
        }
    }
}
