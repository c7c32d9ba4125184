package dev.noshowping.order;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.http.Caller;
import dev.noshowping.json.Json;
import dev.noshowping.payment.TossPayment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * SQL of orders and their payment. Every state change is an UPDATE guarded by the state it
 * expects, so a repeated or out-of-order event can only ever find nothing to do.
 */
public final class OrderRepository {

    /** States an order may be in when a payment's status arrives, per target state. */
    static final String BEFORE_PAID = "('CONFIRMING', 'WAITING_FOR_DEPOSIT')";
    static final String ACTIVE = "('PENDING', 'CONFIRMING', 'WAITING_FOR_DEPOSIT', 'PAID')";

    /** An order with who may see it. */
    public record Row(OrderView view, String buyerSubject, String sellerSubject, long buyerUserId, long sellerUserId,
                      String paymentSecret, String paymentKey, String idempotencyKey, String articleTitle) {
    }

    private OrderRepository() {
    }

    /** What a hold found: the new order, or why there is none (the article's state; empty if no such article). */
    public sealed interface HoldOutcome {
        record Held(OrderView order) implements HoldOutcome {
        }

        record NotHeld(Optional<ArticleState> article) implements HoldOutcome {
        }
    }

    /** An article's status, and whether the buyer is its seller. */
    public record ArticleState(String status, boolean buyersOwn) {
    }

    /**
     * Holds an article for a buyer: article ON_SALE → RESERVED and a PENDING order, in one statement
     * (atomic on its own: no transaction round trips), which also makes the buyer's user row on
     * first sight ({@code app_user_ensure}). Of many buyers racing, the article's row lock lets
     * exactly one through (the others skip it and lose at once); the partial unique index "one
     * active order per article" stands behind it. When nothing was held, the same statement says
     * why: the article's status as it was when it started, and whether the buyer is its seller.
     */
    public static HoldOutcome hold(Connection c, long articleId, Caller buyer, String originOrderId,
                                   int holdMinutes) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                with buyer as materialized (select app_user_ensure(?, ?, ?) as id),
                free as (
                    -- skip locked: a buyer arriving while another's hold is being written loses at
                    -- once instead of queueing (with a pooled connection) behind that transaction
                    select a.id from article a join merchant m on m.id = a.merchant_id, buyer
                    where a.id = ? and a.status = 'ON_SALE' and m.user_id <> buyer.id
                    for update of a skip locked),
                held as (
                    update article a set status = 'RESERVED', version = a.version + 1
                    from free where a.id = free.id
                    returning a.id, a.sale_price),
                placed as (
                    insert into orders (origin_order_id, article_id, buyer_user_id, amount, status, hold_expires_at)
                    select ?, held.id, buyer.id, held.sale_price, 'PENDING', now() + make_interval(mins => ?)
                    from held, buyer
                    returning id, origin_order_id, article_id, amount, status, hold_expires_at, created_at)
                select p.id, p.origin_order_id, p.article_id, p.amount, p.status, p.hold_expires_at, p.created_at,
                       null::text, null::boolean
                from placed p
                union all
                select null, null, null, null, null, null, null, a.status, m.user_id = buyer.id
                from article a join merchant m on m.id = a.merchant_id, buyer
                where a.id = ? and not exists (select 1 from placed)""")) {
            s.setString(1, buyer.subject());
            s.setString(2, buyer.role().name());
            s.setString(3, buyer.phone());
            s.setLong(4, articleId);
            s.setString(5, originOrderId);
            s.setInt(6, holdMinutes);
            s.setLong(7, articleId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return new HoldOutcome.NotHeld(Optional.empty());
                }
                if (rs.getString(8) != null) {
                    return new HoldOutcome.NotHeld(Optional.of(new ArticleState(rs.getString(8), rs.getBoolean(9))));
                }
                return new HoldOutcome.Held(new OrderView(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant(), null, null, rs.getTimestamp(7).toInstant()));
            }
        }
    }

    /** The order as {@link #one} maps it, read from {@code orders} and {@code payments}: the tables, or a statement's own CTEs. */
    private static String rowSelect(String orders, String payments) {
        return """
                select o.id, o.origin_order_id, o.article_id, o.amount, o.status, o.hold_expires_at, o.created_at,
                       o.failure_code, o.failure_message,
                       p.payment_key, p.method, p.status, p.approved_at, p.virtual_account::text, p.raw->>'secret',
                       p.idempotency_key,
                       b.external_subject, su.external_subject, b.id, su.id, a.title
                from %s o
                join app_user b on b.id = o.buyer_user_id
                join article a on a.id = o.article_id
                join merchant m on m.id = a.merchant_id
                join app_user su on su.id = m.user_id
                left join %s p on p.order_id = o.id
                """.formatted(orders, payments);
    }

    private static final String SELECT = rowSelect("orders", "payment");

    public static Optional<Row> findById(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SELECT + "where o.id = ?")) {
            s.setLong(1, id);
            return one(s);
        }
    }

    public static Optional<Row> findByOrderId(Connection c, String originOrderId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SELECT + "where o.origin_order_id = ?")) {
            s.setString(1, originOrderId);
            return one(s);
        }
    }

    private static Optional<Row> one(PreparedStatement s) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            OrderView.Payment payment = null;
            if (rs.getString(10) != null) {
                OrderView.VirtualAccount va = null;
                String vaJson = rs.getString(14);
                if (vaJson != null) {
                    JsonNode v = json(vaJson);
                    va = new OrderView.VirtualAccount(v.path("accountNumber").asText(null), v.path("bankCode").asText(null),
                            v.path("customerName").asText(null), v.path("dueDate").asText(null));
                }
                Timestamp approved = rs.getTimestamp(13);
                payment = new OrderView.Payment(rs.getString(10), rs.getString(11), rs.getString(12),
                        approved == null ? null : approved.toInstant(), va);
            }
            OrderView.Failure failure = rs.getString(8) == null ? null
                    : new OrderView.Failure(rs.getString(8), rs.getString(9));
            OrderView view = new OrderView(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                    rs.getTimestamp(6).toInstant(), payment, failure, rs.getTimestamp(7).toInstant());
            return Optional.of(new Row(view, rs.getString(17), rs.getString(18), rs.getLong(19), rs.getLong(20),
                    rs.getString(15), rs.getString(10), rs.getString(16), rs.getString(21)));
        }
    }

    /**
     * The one door to Toss: PENDING → CONFIRMING for this buyer and amount, with the payment row
     * that fixes the paymentKey and the Idempotency-Key. Only one caller ever gets the order's id.
     */
    public static OptionalLong claimConfirm(Connection c, String originOrderId, String buyerSubject, long amount,
                                            String paymentKey, String idempotencyKey) throws SQLException {
        // the buyer by subject: whoever holds the order has a user row already (made by the hold)
        try (PreparedStatement s = c.prepareStatement("""
                with claimed as (
                    update orders set status = 'CONFIRMING', version = version + 1
                    where origin_order_id = ?
                      and buyer_user_id = (select id from app_user where external_subject = ?)
                      and status = 'PENDING' and amount = ? and hold_expires_at > now()
                    returning id, amount)
                insert into payment (order_id, payment_key, status, amount, idempotency_key)
                select id, ?, 'IN_PROGRESS', amount, ? from claimed
                returning order_id""")) {
            s.setString(1, originOrderId);
            s.setString(2, buyerSubject);
            s.setLong(3, amount);
            s.setString(4, paymentKey);
            s.setString(5, idempotencyKey);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /**
     * Records what Toss says the payment is, moving the order forward only: CONFIRMING →
     * WAITING_FOR_DEPOSIT → PAID → CANCELED; CONFIRMING/WAITING → EXPIRED/FAILED. Returns the
     * order as it is after the move (its status is the new one), empty if the answer was old news.
     */
    public static Optional<Row> apply(Connection c, long orderId, TossPayment p) throws SQLException {
        String target;
        String from;
        switch (p.status()) {
            case "DONE" -> {
                target = "PAID";
                from = BEFORE_PAID;
            }
            case "WAITING_FOR_DEPOSIT" -> {
                // Toss keeps an unpaid account past its due date WAITING_FOR_DEPOSIT with
                // virtualAccount.expired = true (and sends no webhook): for us it has expired
                boolean expired = p.virtualAccount() != null && p.virtualAccount().path("expired").asBoolean(false);
                target = expired ? "EXPIRED" : "WAITING_FOR_DEPOSIT";
                from = expired ? "('CONFIRMING', 'WAITING_FOR_DEPOSIT')" : "('CONFIRMING')";
            }
            case "CANCELED", "PARTIAL_CANCELED" -> {
                target = "CANCELED";
                from = "('CONFIRMING', 'WAITING_FOR_DEPOSIT', 'PAID')";
            }
            case "EXPIRED" -> {
                target = "EXPIRED";
                from = BEFORE_PAID;
            }
            case "ABORTED" -> {
                target = "FAILED";
                from = "('CONFIRMING')";
            }
            default -> {
                return Optional.empty(); // READY / IN_PROGRESS: nothing settled yet
            }
        }
        String articleStatus = switch (target) {
            case "PAID" -> "SOLD";
            case "CANCELED", "EXPIRED", "FAILED" -> "ON_SALE";
            default -> null;
        };
        // one statement: the order moves (guarded by its expected states), and only if it did, its
        // payment takes Toss's view and its article follows (the order's row is locked first, as
        // before); it answers with the order as SELECT reads it, from the rows it wrote (the other
        // tables' rows read here are not written by it), so the settlement needs no look-up after
        try (PreparedStatement s = c.prepareStatement("""
                with moved as (
                    update orders set status = ?, version = version + 1
                    where id = ? and status in %s
                    returning *),
                payment_now as (
                    update payment set status = ?, method = coalesce(?, method), approved_at = coalesce(?, approved_at),
                           virtual_account = coalesce(?::jsonb, virtual_account), raw = ?::jsonb
                    where order_id in (select id from moved)
                    returning *),
                article_follows as (
                    update article a set status = ?, version = a.version + 1
                    from moved where a.id = moved.article_id and ?::text is not null and a.status in %s)
                """.formatted(from, articleFrom(articleStatus)) + rowSelect("moved", "payment_now"))) {
            s.setString(1, target);
            s.setLong(2, orderId);
            s.setString(3, p.status());
            s.setString(4, p.method());
            s.setTimestamp(5, p.approvedAt() == null ? null : Timestamp.from(p.approvedAt().toInstant()));
            s.setString(6, p.virtualAccount() == null ? null : Json.write(p.virtualAccount()));
            s.setString(7, Json.write(p.raw()));
            s.setString(8, articleStatus);
            s.setString(9, articleStatus);
            return one(s);
        }
    }

    /** A confirm Toss refused: CONFIRMING → FAILED with Toss's code and message, the article back on sale. */
    public static boolean fail(Connection c, long orderId, String code, String message) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                update orders set status = 'FAILED', failure_code = ?, failure_message = left(?, 500), version = version + 1
                where id = ? and status = 'CONFIRMING'""")) {
            s.setString(1, code);
            s.setString(2, message);
            s.setLong(3, orderId);
            if (s.executeUpdate() == 0) {
                return false;
            }
        }
        try (PreparedStatement s = c.prepareStatement("update payment set status = 'ABORTED' where order_id = ?")) {
            s.setLong(1, orderId);
            s.executeUpdate();
        }
        setArticle(c, orderId, "ON_SALE");
        return true;
    }

    /** A hold or an unpaid order ends without money moving: the article goes back on sale. */
    public static boolean end(Connection c, long orderId, String fromStatus, String toStatus, String reason)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                update orders set status = ?, cancel_reason = coalesce(left(?, 200), cancel_reason), version = version + 1
                where id = ? and status = ?""")) {
            s.setString(1, toStatus);
            s.setString(2, reason);
            s.setLong(3, orderId);
            s.setString(4, fromStatus);
            if (s.executeUpdate() == 0) {
                return false;
            }
        }
        setArticle(c, orderId, "ON_SALE");
        return true;
    }

    public static void setCancelReason(Connection c, long orderId, String reason) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update orders set cancel_reason = left(?, 200) where id = ?")) {
            s.setString(1, reason);
            s.setLong(2, orderId);
            s.executeUpdate();
        }
    }

    /** The order's article follows the order: sold when paid, back on sale when the order ends unpaid or refunded. */
    private static void setArticle(Connection c, long orderId, String status) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                update article a set status = ?, version = a.version + 1
                from orders o where o.id = ? and a.id = o.article_id and a.status in\s""" + articleFrom(status))) {
            s.setString(1, status);
            s.setLong(2, orderId);
            s.executeUpdate();
        }
    }

    /** The article states its order may move it from: only a reserved article is sold; a sold one can come back on sale (refund). */
    private static String articleFrom(String status) {
        return "SOLD".equals(status) ? "('RESERVED')" : "('RESERVED', 'SOLD')";
    }

    /** PENDING orders whose hold has run out. */
    public static List<Long> expiredHolds(Connection c, int limit) throws SQLException {
        return ids(c, "select id from orders where status = 'PENDING' and hold_expires_at < now() order by id limit ?", limit);
    }

    /** Orders waiting for a deposit whose virtual account is past its due date. */
    public static List<Long> overdueDeposits(Connection c, int limit) throws SQLException {
        return ids(c, """
                select id from orders where status = 'WAITING_FOR_DEPOSIT'
                  and id in (select order_id from payment where (virtual_account->>'dueDate')::timestamptz < now())
                order by id limit ?""", limit);
    }

    /** Orders CONFIRMING for over a minute: their confirm's answer never came. */
    public static List<Long> staleConfirms(Connection c, int limit) throws SQLException {
        return ids(c, """
                select id from orders where status = 'CONFIRMING' and updated_at < now() - interval '1 minute'
                order by id limit ?""", limit);
    }

    private static List<Long> ids(Connection c, String sql, int limit) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setInt(1, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
