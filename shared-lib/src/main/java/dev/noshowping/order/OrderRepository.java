package dev.noshowping.order;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.article.ArticleStatus;
import dev.noshowping.db.Columns;
import dev.noshowping.db.NamedSql;
import dev.noshowping.db.NamedStatement;
import dev.noshowping.json.Json;
import dev.noshowping.paging.PageRequest;
import dev.noshowping.payment.PaymentMethod;
import dev.noshowping.payment.TossPayment;
import dev.noshowping.payment.TossPaymentStatus;
import dev.noshowping.privacy.PhoneMask;
import dev.noshowping.user.AppUser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQL of orders and their payment. Every state change is an UPDATE guarded by the state it
 * expects, so a repeated or out-of-order event can only ever find nothing to do.
 */
public final class OrderRepository {

    /** An order with who may see it, and what the moves after the payment need of its article. */
    public record Row(OrderView view, String buyerSubject, String sellerSubject, long buyerUserId, long sellerUserId,
                      String paymentSecret, String paymentKey, String idempotencyKey, String articleTitle,
                      long merchantId, LocalDate checkIn, LocalDate checkOut) {

        public OrderStatus status() {
            return view.state();
        }

        Row with(OrderView v) {
            return new Row(v, buyerSubject, sellerSubject, buyerUserId, sellerUserId, paymentSecret, paymentKey,
                    idempotencyKey, articleTitle, merchantId, checkIn, checkOut);
        }
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

    /** An article's status, whether the buyer is its seller, and its check-in. */
    public record ArticleState(ArticleStatus status, boolean buyersOwn, LocalDate checkIn, boolean sellerSuspended) {
    }

    /** What is held, for whom the booking is, and the last check-in day that can no longer be held. */
    public record HoldRequest(long articleId, String originOrderId, int holdMinutes, String guestName,
                              String guestPhone, LocalDate lastClosedCheckIn) {
    }

    /**
     * Holds an article for buyer {@code buyerUserId}: article ON_SALE → RESERVED and a PENDING order,
     * in one statement (atomic on its own; {@link HoldArticle} runs it after the buyer's limits, in
     * their transaction). Of many buyers racing, the article's row lock lets
     * exactly one through (the others skip it and lose at once); the partial unique index "one
     * active order per article" stands behind it. When nothing was held, the same statement says
     * why: the article's status as it was when it started, and whether the buyer is its seller.
     */
    public static HoldOutcome hold(Connection c, long buyerUserId, HoldRequest h) throws SQLException {
        try (NamedStatement s = HOLD.prepare(c)) {
            s.set("buyer", buyerUserId).set("article", h.articleId()).set("lastClosedCheckIn", h.lastClosedCheckIn());
            s.setString("originOrderId", h.originOrderId()).set("holdMinutes", h.holdMinutes());
            s.setString("guestName", h.guestName()).setString("guestPhone", h.guestPhone());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return new HoldOutcome.NotHeld(Optional.empty());
                }
                if (rs.getString("article_status") != null) {
                    return new HoldOutcome.NotHeld(Optional.of(new ArticleState(
                            ArticleStatus.valueOf(rs.getString("article_status")), rs.getBoolean("buyers_own"),
                            rs.getObject("check_in", LocalDate.class), rs.getBoolean("seller_suspended"))));
                }
                return new HoldOutcome.Held(new OrderView(rs.getLong("id"), rs.getString("origin_order_id"),
                        rs.getLong("article_id"), rs.getLong("amount"), OrderStatus.valueOf(rs.getString("status")),
                        rs.getTimestamp("hold_expires_at").toInstant(), null, null, rs.getTimestamp("created_at").toInstant(),
                        new OrderView.Guest(h.guestName(), h.guestPhone()), new OrderView.Timeline(null, null, null, null, null)));
            }
        }
    }

    private static final NamedSql HOLD = NamedSql.parse("""
            with buyer as (select :buyer::bigint as id),
            free as (
                -- skip locked: a buyer arriving while another's hold is being written loses at
                -- once instead of queueing (with a pooled connection) behind that transaction
                select a.id, m.user_id as seller_user_id from article a join merchant m on m.id = a.merchant_id, buyer
                where a.id = :article and a.status = 'ON_SALE' and m.user_id <> buyer.id
                  and a.check_in > :lastClosedCheckIn and m.suspended_at is null
                for update of a skip locked),
            held as (
                update article a set status = 'RESERVED', version = a.version + 1
                from free where a.id = free.id
                returning a.id, a.sale_price, free.seller_user_id),
            placed as (
                insert into orders (origin_order_id, article_id, buyer_user_id, seller_user_id, amount, status,
                                    hold_expires_at, guest_name, guest_phone)
                select :originOrderId, held.id, buyer.id, held.seller_user_id, held.sale_price, 'PENDING',
                       now() + make_interval(mins => :holdMinutes), :guestName, :guestPhone
                from held, buyer
                returning id, origin_order_id, article_id, amount, status, hold_expires_at, created_at)
            select p.id, p.origin_order_id, p.article_id, p.amount, p.status, p.hold_expires_at, p.created_at,
                   null::text as article_status, null::boolean as buyers_own, null::date as check_in,
                   null::boolean as seller_suspended
            from placed p
            union all
            select null, null, null, null, null, null, null, a.status, m.user_id = buyer.id, a.check_in,
                   m.suspended_at is not null
            from article a join merchant m on m.id = a.merchant_id, buyer
            where a.id = :article and not exists (select 1 from placed)""");

    /**
     * A buyer's user row (empty on first sight) and what they hold: how many articles unpaid
     * ({@link OrderStatus#holding}), and when they last let {@code articleId} go unpaid (canceled
     * or expired; null if never).
     */
    public record BuyerHolds(Optional<AppUser> buyer, int active, Instant lastReleased) {
    }

    /** The buyer's row comes with their holds: the hold needs both, in one round trip. */
    public static BuyerHolds buyerHolds(Connection c, String subject, long articleId) throws SQLException {
        Object[] holding = Arrays.stream(OrderStatus.values()).filter(OrderStatus::holding).map(Enum::name).toArray();
        try (NamedStatement s = BUYER_HOLDS.prepare(c)) {
            s.set("holding", c.createArrayOf("text", holding)).set("article", articleId).setString("subject", subject);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return new BuyerHolds(Optional.empty(), 0, null);
                }
                Timestamp released = rs.getTimestamp("last_released");
                return new BuyerHolds(Optional.of(new AppUser(rs.getLong("id"), rs.getString("phone"))), rs.getInt("active"),
                        released == null ? null : released.toInstant());
            }
        }
    }

    private static final NamedSql BUYER_HOLDS = NamedSql.parse("""
            select u.id, u.phone, count(o.id) filter (where o.status = any (:holding)) as active,
                   max(o.updated_at) filter (where o.article_id = :article and o.status in ('CANCELED', 'EXPIRED'))
                       as last_released
            from app_user u
            -- from the buyer's own orders (their index), never from every active order of the catalogue
            left join orders o on o.buyer_user_id = u.id and (o.status = any (:holding) or o.article_id = :article)
            where u.external_subject = :subject
            group by u.id""");

    /** The order as {@link #one} maps it, read from {@code orders} and {@code payments}: the tables, or a statement's own CTEs. */
    private static String rowSelect(String orders, String payments) {
        return """
                select o.id, o.origin_order_id, o.article_id, o.amount, o.status, o.hold_expires_at, o.created_at,
                       o.failure_code, o.failure_message,
                       p.payment_key, p.method as payment_method, p.status as payment_status, p.approved_at,
                       p.virtual_account::text as virtual_account, p.raw->>'secret' as payment_secret, p.idempotency_key,
                       b.external_subject as buyer_subject, su.external_subject as seller_subject,
                       b.id as buyer_user_id, su.id as seller_user_id, a.title as article_title,
                       o.guest_name, o.guest_phone, o.paid_at, o.transfer_deadline, o.transferred_at,
                       o.auto_confirm_at, o.completed_at, m.id as merchant_id, a.check_in, a.check_out,
                       o.deposit_due_by
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
            return next(rs);
        }
    }

    /** The next row of a {@link #rowSelect} result, if any. */
    private static Optional<Row> next(ResultSet rs) throws SQLException {
        if (!rs.next()) {
            return Optional.empty();
        }
        OrderView.Payment payment = null;
        String paymentKey = rs.getString("payment_key");
        if (paymentKey != null) {
            OrderView.VirtualAccount va = null;
            String vaJson = rs.getString("virtual_account");
            if (vaJson != null) {
                JsonNode v = json(vaJson);
                // the buyer is told our deadline, which is never later than Toss's (OrderPolicy#depositDueBy)
                Timestamp ours = rs.getTimestamp("deposit_due_by");
                va = new OrderView.VirtualAccount(v.path("accountNumber").asText(null), v.path("bankCode").asText(null),
                        v.path("customerName").asText(null), ours == null ? v.path("dueDate").asText(null)
                        : TOSS_TIME.format(ours.toInstant().truncatedTo(ChronoUnit.SECONDS)));
            }
            Timestamp approved = rs.getTimestamp("approved_at");
            String method = rs.getString("payment_method");
            payment = new OrderView.Payment(paymentKey, method == null ? null : PaymentMethod.valueOf(method),
                    TossPaymentStatus.valueOf(rs.getString("payment_status")),
                    approved == null ? null : approved.toInstant(), va);
        }
        OrderView.Failure failure = rs.getString("failure_code") == null ? null
                : new OrderView.Failure(rs.getString("failure_code"), rs.getString("failure_message"));
        OrderView.Guest guest = rs.getString("guest_name") == null ? null
                : new OrderView.Guest(rs.getString("guest_name"), rs.getString("guest_phone"));
        OrderView.Timeline timeline = new OrderView.Timeline(Columns.instant(rs, "paid_at"), Columns.instant(rs, "transfer_deadline"),
                Columns.instant(rs, "transferred_at"), Columns.instant(rs, "auto_confirm_at"), Columns.instant(rs, "completed_at"));
        OrderView view = new OrderView(rs.getLong("id"), rs.getString("origin_order_id"), rs.getLong("article_id"),
                rs.getLong("amount"), OrderStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("hold_expires_at").toInstant(), payment, failure, rs.getTimestamp("created_at").toInstant(),
                guest, timeline);
        return Optional.of(new Row(view, rs.getString("buyer_subject"), rs.getString("seller_subject"),
                rs.getLong("buyer_user_id"), rs.getLong("seller_user_id"), rs.getString("payment_secret"), paymentKey,
                rs.getString("idempotency_key"), rs.getString("article_title"), rs.getLong("merchant_id"),
                rs.getObject("check_in", LocalDate.class), rs.getObject("check_out", LocalDate.class)));
    }

    /** The caller's purchases (or sales, {@code asSeller}), newest first, after {@code after}. */
    public static List<Row> pageOf(Connection c, String subject, boolean asSeller, PageRequest.Keyset after, int limit)
            throws SQLException {
        try (NamedStatement s = (asSeller ? SALES_PAGE : PURCHASES_PAGE).prepare(c)) {
            s.setString("subject", subject);
            return page(s, after, limit);
        }
    }

    /** Binds the keyset and limit every order page takes, and reads its rows. */
    private static List<Row> page(NamedStatement s, PageRequest.Keyset after, int limit) throws SQLException {
        s.set("afterTime", after == null ? null : Timestamp.from(after.time()));
        s.set("afterId", after == null ? 0 : after.id());
        s.set("limit", limit);
        List<Row> rows = new ArrayList<>();
        Optional<Row> row;
        try (ResultSet rs = s.executeQuery()) {
            while ((row = next(rs)).isPresent()) {
                rows.add(row.get());
            }
        }
        return rows;
    }

    private static NamedSql pageOf(String party) {
        return NamedSql.parse(SELECT + """
                where %s = (select id from app_user where external_subject = :subject)
                  and (:afterTime::timestamptz is null or (o.created_at, o.id) < (:afterTime::timestamptz, :afterId))
                order by o.created_at desc, o.id desc limit :limit""".formatted(party));
    }

    /** Every order in {@code status} (any when null), newest first, after {@code after}: staff's search. */
    public static List<Row> pageAll(Connection c, OrderStatus status, PageRequest.Keyset after, int limit)
            throws SQLException {
        try (NamedStatement s = ALL_PAGE.prepare(c)) {
            s.setString("status", status == null ? null : status.name());
            return page(s, after, limit);
        }
    }

    private static final NamedSql ALL_PAGE = NamedSql.parse(SELECT + """
            where (:status::text is null or o.status = :status)
              and (:afterTime::timestamptz is null or (o.created_at, o.id) < (:afterTime::timestamptz, :afterId))
            order by o.created_at desc, o.id desc limit :limit""");

    private static final NamedSql PURCHASES_PAGE = pageOf("o.buyer_user_id");
    private static final NamedSql SALES_PAGE = pageOf("o.seller_user_id");

    /**
     * The one door to Toss: PENDING → CONFIRMING for this buyer and amount, with the payment row
     * that fixes the paymentKey and the Idempotency-Key. Only one caller ever gets the order's id.
     */
    /** The winner's claim: the order's id, and its stay's check-in (the transfer deadline depends on it). */
    public record Claim(long orderId, LocalDate checkIn) {
    }

    public static Optional<Claim> claimConfirm(Connection c, String originOrderId, String buyerSubject, long amount,
                                               String paymentKey, String idempotencyKey) throws SQLException {
        // the buyer by subject: whoever holds the order has a user row already (made by the hold)
        try (NamedStatement s = CLAIM_CONFIRM.prepare(c)) {
            s.setString("originOrderId", originOrderId).setString("buyer", buyerSubject).set("amount", amount);
            s.setString("paymentKey", paymentKey).setString("idempotencyKey", idempotencyKey);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Claim(rs.getLong("order_id"), rs.getObject("check_in", LocalDate.class)))
                        : Optional.empty();
            }
        }
    }

    private static final NamedSql CLAIM_CONFIRM = NamedSql.parse("""
            with claimed as (
                update orders set status = 'CONFIRMING', version = version + 1
                where origin_order_id = :originOrderId
                  and buyer_user_id = (select id from app_user where external_subject = :buyer)
                  and status = 'PENDING' and amount = :amount and hold_expires_at > now()
                returning id, amount, article_id),
            paying as (
                insert into payment (order_id, payment_key, status, amount, idempotency_key)
                select id, :paymentKey, 'IN_PROGRESS', amount, :idempotencyKey from claimed
                returning order_id)
            select paying.order_id, a.check_in
            from paying join claimed on claimed.id = paying.order_id join article a on a.id = claimed.article_id""");

    /**
     * Records what Toss says the payment is, as {@code event} (decided by the caller from Toss's
     * status), moving the order only where {@link OrderTransitions} allows it. In one statement:
     * the order moves (guarded by the states the event starts from), and only if it did, its
     * payment takes Toss's view and its article follows (the order's row is locked first); it
     * answers with the order as SELECT reads it, from the rows it wrote, so the settlement needs no
     * look-up after. Empty when the answer was old news.
     */
    public static Optional<Row> apply(Connection c, long orderId, OrderEvent event, TossPayment p, MoveTimes times)
            throws SQLException {
        try (NamedStatement s = APPLY.get(event).prepare(c)) {
            s.set("paidAt", Timestamp.from(times.paidAt()));
            s.set("transferDeadline", Timestamp.from(times.transferDeadline()));
            s.set("depositDueBy", Timestamp.from(times.depositDueBy()));
            s.set("order", orderId);
            s.setEnum("status", p.status()).setEnum("method", p.method());
            s.set("approvedAt", p.approvedAt() == null ? null : Timestamp.from(p.approvedAt().toInstant()));
            s.setString("virtualAccount", p.virtualAccount() == null ? null : Json.write(p.virtualAccount()));
            s.setString("raw", Json.write(p.raw()));
            try (ResultSet rs = s.executeQuery()) {
                return next(rs);
            }
        }
    }

    /** {@link #apply}'s statement for each event, written once: its text depends on the event alone. */
    private static final Map<OrderEvent, NamedSql> APPLY = applyStatements();

    private static Map<OrderEvent, NamedSql> applyStatements() {
        Map<OrderEvent, NamedSql> statements = new java.util.EnumMap<>(OrderEvent.class);
        for (OrderEvent event : OrderEvent.values()) {
            Map<OrderStatus, OrderStatus> moves = OrderTransitions.moves(event);
            if (moves.isEmpty()) {
                continue;
            }
            String target = caseOf(moves);
            statements.put(event, NamedSql.parse("""
                    with moved as (
                        update orders set status = %1$s, version = version + 1,
                               paid_at = case when %1$s = 'PAID' then :paidAt else paid_at end,
                               transfer_deadline = case when %1$s = 'PAID' then :transferDeadline else transfer_deadline end,
                               deposit_due_by = case when %1$s = 'WAITING_FOR_DEPOSIT' then :depositDueBy else deposit_due_by end
                        where id = :order and status in %2$s
                        returning *),
                    payment_now as (
                        update payment set status = :status, method = coalesce(:method, method),
                               approved_at = coalesce(:approvedAt, approved_at),
                               virtual_account = coalesce(:virtualAccount::jsonb, virtual_account), raw = :raw::jsonb
                        where order_id in (select id from moved)
                        returning *),
                    article_follows as (
                        update article a set status = f.article_to, version = a.version + 1
                        from moved join %3$s as f(order_status, article_from, article_to)
                             on f.order_status = moved.status
                        where a.id = moved.article_id and a.status = f.article_from)
                    """.formatted(target, listOf(moves.keySet()), articleFollows(moves.values()))
                    + rowSelect("moved", "payment_now")));
        }
        return statements;
    }

    /**
     * The times a move sets, decided by the caller: when an order that becomes PAID was paid and the
     * seller's transfer deadline that follows; when an order that waits for a deposit stops waiting.
     */
    public record MoveTimes(Instant paidAt, Instant transferDeadline, Instant depositDueBy) {
    }

    /** Toss's way of writing a time ({@code 2026-12-24T23:59:59+09:00}), which clients already parse. */
    private static final java.time.format.DateTimeFormatter TOSS_TIME =
            java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(OrderPolicy.KOREA);

    /** {@code case status when 'A' then 'B' … end}: the state each source state moves to. Enum names only, never input. */
    private static String caseOf(Map<OrderStatus, OrderStatus> moves) {
        StringBuilder sql = new StringBuilder("(case status");
        moves.forEach((from, to) -> sql.append(" when '").append(from.name()).append("' then '").append(to.name()).append('\''));
        return sql.append(" end)").toString();
    }

    /** {@code ('A', 'B')}: the states a move starts from, as a literal list (enum names only, never input). */
    private static String listOf(java.util.Collection<OrderStatus> states) {
        StringBuilder sql = new StringBuilder("(");
        for (OrderStatus state : states) {
            sql.append(sql.length() > 1 ? ", '" : "'").append(state.name()).append('\'');
        }
        return sql.append(')').toString();
    }

    /**
     * The article moves that follow the order's new states ({@link OrderTransitions#articleFollows}),
     * as a literal relation (order state, article from, article to). Literals, not bound arrays: the
     * statement's text is then the same for every call of an event, so PostgreSQL keeps one generic
     * plan for it instead of planning each execution anew.
     */
    private static String articleFollows(java.util.Collection<OrderStatus> targets) {
        List<String> rows = new ArrayList<>();
        for (OrderStatus target : new java.util.TreeSet<>(targets)) {
            OrderTransitions.articleFollows(target).ifPresent(m ->
                    rows.add("('" + target.name() + "', '" + m.from().name() + "', '" + m.to().name() + "')"));
        }
        return rows.isEmpty() ? "(select null::text, null::text, null::text where false)"
                : "(values " + String.join(", ", rows) + ")";
    }

    /** Binds the parameters of a move's extra assignments, starting at index 1; returns the last index used. */
    @FunctionalInterface
    private interface Binder {
        int bind(PreparedStatement s) throws SQLException;
    }

    private static final Binder NOTHING = s -> 0;

    /**
     * Applies {@code event} to the order if its state allows it, with {@code assignments} (more
     * {@code , column = ?} of the same UPDATE) and the article following the order's new state, in
     * one statement. False when the order is not (or no longer) in a state the event starts from:
     * whoever moved it first won.
     */
    private static boolean transition(Connection c, long orderId, OrderEvent event, String assignments, Binder extra)
            throws SQLException {
        Map<OrderStatus, OrderStatus> moves = OrderTransitions.moves(event);
        try (PreparedStatement s = c.prepareStatement("""
                with moved as (
                    update orders set status = %s, version = version + 1%s
                    where id = ? and status in %s
                    returning id, article_id, status),
                article_follows as (
                    update article a set status = f.article_to, version = a.version + 1
                    from moved join %s as f(order_status, article_from, article_to)
                         on f.order_status = moved.status
                    where a.id = moved.article_id and a.status = f.article_from)
                select count(*) as moved from moved""".formatted(caseOf(moves), assignments, listOf(moves.keySet()),
                articleFollows(moves.values())))) {
            int i = extra.bind(s);
            s.setLong(++i, orderId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong("moved") == 1;
            }
        }
    }

    /** A confirm Toss refused: CONFIRMING → FAILED with Toss's code and message, the article back on sale. */
    public static boolean fail(Connection c, long orderId, String code, String message) throws SQLException {
        boolean moved = transition(c, orderId, OrderEvent.PAYMENT_FAILED, ", failure_code = ?, failure_message = left(?, 500)", s -> {
            s.setString(1, code);
            s.setString(2, PhoneMask.in(message));
            return 2;
        });
        if (moved) {
            try (PreparedStatement s = c.prepareStatement("update payment set status = 'ABORTED' where order_id = ?")) {
                s.setLong(1, orderId);
                s.executeUpdate();
            }
        }
        return moved;
    }

    /** A hold ends without money moving (expired, or canceled by the buyer): the article goes back on sale. */
    public static boolean end(Connection c, long orderId, OrderEvent event, String reason) throws SQLException {
        return transition(c, orderId, event, ", cancel_reason = coalesce(left(?, 200), cancel_reason)", s -> {
            s.setString(1, reason);
            return 1;
        });
    }

    /** PAID → TRANSFERRED: the seller says the booking is in the buyer's name; the buyer has until {@code autoConfirmAt}. */
    public static boolean transfer(Connection c, long orderId, Instant autoConfirmAt) throws SQLException {
        return transition(c, orderId, OrderEvent.TRANSFERRED, ", transferred_at = now(), auto_confirm_at = ?", s -> {
            s.setTimestamp(1, Timestamp.from(autoConfirmAt));
            return 1;
        });
    }

    /** → COMPLETED (received, auto-confirmed, or released by staff): the money becomes the seller's. */
    public static boolean complete(Connection c, long orderId, OrderEvent event) throws SQLException {
        return transition(c, orderId, event, ", completed_at = now()", NOTHING);
    }

    /** Any move that writes nothing but the state: a dispute, a refund decided, a refund done. */
    public static boolean move(Connection c, long orderId, OrderEvent event) throws SQLException {
        return transition(c, orderId, event, "", NOTHING);
    }

    /** What Toss says the payment is now, after a refund we asked for (the order's move is the caller's). */
    public static void recordPayment(Connection c, long orderId, TossPayment p) throws SQLException {
        // a status Toss added after us is no state of ours: the row keeps the one it had, the raw answer tells
        try (PreparedStatement s = c.prepareStatement(
                "update payment set status = coalesce(?, status), raw = ?::jsonb where order_id = ?")) {
            s.setString(1, p.status() == TossPaymentStatus.UNKNOWN ? null : p.status().name());
            s.setString(2, Json.write(p.raw()));
            s.setLong(3, orderId);
            s.executeUpdate();
        }
    }

    /** The number of the order's current cancel attempt at Toss ({@link VirtualAccountClosing}). */
    public static int cancelAttempt(Connection c, long orderId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select cancel_attempt from orders where id = ?")) {
            s.setLong(1, orderId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getInt("cancel_attempt") : 1;
            }
        }
    }

    /** Toss definitely refused attempt {@code attempt}: the next one goes with a new key (once, however many saw it). */
    public static boolean nextCancelAttempt(Connection c, long orderId, int attempt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "update orders set cancel_attempt = cancel_attempt + 1 where id = ? and cancel_attempt = ?")) {
            s.setLong(1, orderId);
            s.setInt(2, attempt);
            return s.executeUpdate() == 1;
        }
    }

    public static void setCancelReason(Connection c, long orderId, String reason) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update orders set cancel_reason = left(?, 200) where id = ?")) {
            s.setString(1, reason);
            s.setLong(2, orderId);
            s.executeUpdate();
        }
    }

    /** PENDING orders whose hold has run out. */
    public static List<Long> expiredHolds(Connection c, int limit) throws SQLException {
        return ids(c, "select id from orders where status = 'PENDING' and hold_expires_at < now() order by id limit ?", limit);
    }

    /**
     * Orders waiting for a deposit past their due date: ours ({@code deposit_due_by}), or for an
     * account issued before we kept one, Toss's.
     */
    public static List<Long> overdueDeposits(Connection c, int limit) throws SQLException {
        return ids(c, """
                select id from orders where status = 'WAITING_FOR_DEPOSIT' and deposit_due_by < now()
                union
                select id from orders where status = 'WAITING_FOR_DEPOSIT' and deposit_due_by is null
                  and id in (select order_id from payment where (virtual_account->>'dueDate')::timestamptz < now())
                order by id limit ?""", limit);
    }

    /** Paid orders whose seller has not transferred by the deadline. */
    public static List<Long> missedTransfers(Connection c, int limit) throws SQLException {
        return ids(c, """
                select id from orders where status = 'PAID' and transfer_deadline < now()
                order by transfer_deadline limit ?""", limit);
    }

    /** Transferred orders nobody confirmed or disputed by their auto-confirm time. */
    public static List<Long> dueAutoConfirms(Connection c, int limit) throws SQLException {
        return ids(c, """
                select id from orders where status = 'TRANSFERRED' and auto_confirm_at < now()
                order by auto_confirm_at limit ?""", limit);
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
                    ids.add(rs.getLong("id"));
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
