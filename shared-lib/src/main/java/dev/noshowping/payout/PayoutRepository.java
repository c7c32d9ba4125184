package dev.noshowping.payout;

import dev.noshowping.db.Columns;
import dev.noshowping.db.NamedSql;
import dev.noshowping.db.NamedStatement;
import dev.noshowping.payment.payout.SellerStatus;
import dev.noshowping.privacy.PhoneMask;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL of payouts, their settlements and the merchants' Toss seller ids. */
public final class PayoutRepository {

    private PayoutRepository() {
    }

    /** A verified merchant with money due and no Toss seller yet: what registering it needs. */
    public record Unregistered(long merchantId, String merchantName, String bank, byte[] accountEncrypted, String phone,
                               String ownerSubject) {
    }

    /** A payout as a run works with it. */
    public record Payout(long id, long merchantId, long sellerUserId, long amount, PayoutState state, int attempt,
                         String refPayoutId, String tossSellerId, String tossPayoutId) {
    }

    public static List<Unregistered> unregisteredWithMoneyDue(Connection c, LocalDate today, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select m.id, m.merchant_name, m.payout_bank, m.payout_account_encrypted, u.phone, u.external_subject
                from merchant m join app_user u on u.id = m.user_id
                where m.verified_at is not null and m.toss_seller_id is null
                  and exists (select 1 from settlement st
                              where st.merchant_id = m.id and st.payout_id is null and st.payable_on <= ?)
                order by m.id limit ?""")) {
            s.setObject(1, today);
            s.setInt(2, limit);
            List<Unregistered> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Unregistered(rs.getLong("id"), rs.getString("merchant_name"), rs.getString("payout_bank"),
                            rs.getBytes("payout_account_encrypted"), rs.getString("phone"), rs.getString("external_subject")));
                }
            }
            return out;
        }
    }

    /** Verified merchants with money due whose Toss seller cannot be paid yet (identity checks pending at Toss). */
    public static List<String> sellersAwaitingApproval(Connection c, LocalDate today, List<String> payableStatuses,
                                                       int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select m.toss_seller_id from merchant m
                where m.verified_at is not null and m.toss_seller_id is not null and not (m.toss_seller_status = any(?))
                  and exists (select 1 from settlement st
                              where st.merchant_id = m.id and st.payout_id is null and st.payable_on <= ?)
                order by m.id limit ?""")) {
            s.setArray(1, c.createArrayOf("text", payableStatuses.toArray()));
            s.setObject(2, today);
            s.setInt(3, limit);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString("toss_seller_id"));
                }
            }
            return out;
        }
    }

    public static void sellerStatus(Connection c, String tossSellerId, SellerStatus status) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update merchant set toss_seller_status = ? where toss_seller_id = ?")) {
            s.setString(1, status.name());
            s.setString(2, tossSellerId);
            s.executeUpdate();
        }
    }

    public static void saveSeller(Connection c, long merchantId, String tossSellerId, SellerStatus status)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "update merchant set toss_seller_id = ?, toss_seller_status = ? where id = ?")) {
            s.setString(1, tossSellerId);
            s.setString(2, status.name());
            s.setLong(3, merchantId);
            s.executeUpdate();
        }
    }

    /** Merchants Toss will pay (verified by us, approved enough by Toss) with settlements due and not in a payout. */
    public static List<Long> payableMerchantsWithMoneyDue(Connection c, LocalDate today, List<String> payableStatuses,
                                                          int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select distinct st.merchant_id from settlement st join merchant m on m.id = st.merchant_id
                where st.payout_id is null and st.payable_on <= ? and st.net > 0
                  and m.verified_at is not null and m.toss_seller_status = any(?)
                order by st.merchant_id limit ?""")) {
            s.setObject(1, today);
            s.setArray(2, c.createArrayOf("text", payableStatuses.toArray()));
            s.setInt(3, limit);
            return longs(s, "merchant_id");
        }
    }

    /**
     * Claims the merchant's settlements due by {@code today} into one new payout of their net, in
     * one statement: rows another run holds are skipped (it pays them), and a settlement is in at
     * most one payout. Empty when nothing was left to claim.
     */
    public static Optional<Long> claim(Connection c, long merchantId, LocalDate today, String refPayoutId)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                with due as (
                    select id, net from settlement
                    where merchant_id = ? and payout_id is null and payable_on <= ? and net > 0
                    for update skip locked),
                paid as (
                    insert into payout (merchant_id, amount, ref_payout_id)
                    select ?, sum(net), ? from due having count(*) > 0
                    returning id),
                linked as (
                    update settlement s set payout_id = paid.id from paid, due where s.id = due.id
                    returning s.id)
                select paid.id, (select count(*) from linked) as settlements from paid""")) {
            s.setLong(1, merchantId);
            s.setObject(2, today);
            s.setLong(3, merchantId);
            s.setString(4, refPayoutId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong("id")) : Optional.empty();
            }
        }
    }

    private static final String SELECT = """
            select p.id, p.merchant_id, m.user_id, p.amount, p.status, p.attempt, p.ref_payout_id, m.toss_seller_id,
                   p.toss_payout_id
            from payout p join merchant m on m.id = p.merchant_id
            """;

    /** Payouts in {@code state} the run may work on (none that staff hold), oldest first. */
    public static List<Payout> inState(Connection c, PayoutState state, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SELECT + "where p.status = ? and p.held_at is null order by p.id limit ?")) {
            s.setString(1, state.name());
            s.setInt(2, limit);
            return payouts(s);
        }
    }

    /** PENDING payouts of merchants Toss will pay, oldest first. */
    public static List<Payout> sendable(Connection c, List<String> payableStatuses, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SELECT + """
                where p.status = 'PENDING' and p.held_at is null and m.toss_seller_status = any(?) order by p.id limit ?""")) {
            s.setArray(1, c.createArrayOf("text", payableStatuses.toArray()));
            s.setInt(2, limit);
            return payouts(s);
        }
    }

    /**
     * PENDING → SENDING under the request's Idempotency-Key, committed before the call: only the
     * payouts this run moved are sent (a run racing it moves none of them). Returns their ids.
     */
    public static List<Long> markSending(Connection c, List<Long> ids, String idempotencyKey) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                update payout set status = 'SENDING', idempotency_key = ?, sent_at = now()
                where id = any(?) and status = 'PENDING' and held_at is null returning id""")) {
            s.setString(1, idempotencyKey);
            s.setArray(2, c.createArrayOf("bigint", ids.toArray()));
            return longs(s, "id");
        }
    }

    /**
     * What Toss says of a payout we sent: its id and where it is now. True when that changed
     * anything (a webhook and a run's look-up may report the same outcome; it is recorded once).
     */
    public static boolean record(Connection c, long id, String tossPayoutId, PayoutState state, String failureCode,
                                 String failureMessage) throws SQLException {
        try (NamedStatement s = RECORD.prepare(c)) {
            s.setEnum("state", state).setEnum("completed", PayoutState.COMPLETED);
            s.setString("tossPayoutId", tossPayoutId).setString("failureCode", failureCode);
            s.setString("failureMessage", PhoneMask.in(failureMessage)).set("id", id);
            return s.executeUpdate() == 1;
        }
    }

    private static final NamedSql RECORD = NamedSql.parse("""
            update payout set status = :state, toss_payout_id = coalesce(:tossPayoutId, toss_payout_id),
                   failure_code = :failureCode, failure_message = left(:failureMessage, 500),
                   completed_at = case when :state = :completed then coalesce(completed_at, now()) end
            where id = :id and status <> :completed
              and (status <> :state or toss_payout_id is distinct from coalesce(:tossPayoutId, toss_payout_id))""");

    /** Our payout Toss knows under {@code refPayoutId} (its current attempt's). */
    public static java.util.Optional<Payout> byRef(Connection c, String refPayoutId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SELECT + "where p.ref_payout_id = ?")) {
            s.setString(1, refPayoutId);
            return payouts(s).stream().findFirst();
        }
    }

    /** Toss refused the request as a whole, or never saw it: back to PENDING for the next run. */
    public static void unsent(Connection c, long id, String failureCode, String failureMessage) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                update payout set status = 'PENDING', failure_code = ?, failure_message = left(?, 500)
                where id = ? and status = 'SENDING'""")) {
            s.setString(1, failureCode);
            s.setString(2, PhoneMask.in(failureMessage));
            s.setLong(3, id);
            s.executeUpdate();
        }
    }

    /** A FAILED payout tried again: a new attempt under a new refPayoutId (Toss never takes one twice). */
    public static boolean retry(Connection c, long id, int attempt, String newRefPayoutId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                update payout set status = 'PENDING', attempt = attempt + 1, ref_payout_id = ?, toss_payout_id = null,
                       idempotency_key = null, sent_at = null
                where id = ? and status = 'FAILED' and attempt = ?""")) {
            s.setString(1, newRefPayoutId);
            s.setLong(2, id);
            s.setInt(3, attempt);
            return s.executeUpdate() == 1;
        }
    }

    private static List<Payout> payouts(PreparedStatement s) throws SQLException {
        List<Payout> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(new Payout(rs.getLong("id"), rs.getLong("merchant_id"), rs.getLong("user_id"), rs.getLong("amount"),
                        PayoutState.valueOf(rs.getString("status")), rs.getInt("attempt"), rs.getString("ref_payout_id"),
                        rs.getString("toss_seller_id"), rs.getString("toss_payout_id")));
            }
        }
        return out;
    }

    private static List<Long> longs(PreparedStatement s, String column) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getLong(column));
            }
        }
        return out;
    }

    /** A payout as staff see it: where it is, how often it was tried, why it failed, whether they hold it. */
    public record Line(long id, long merchantId, String merchantName, long amount, PayoutState status, int attempt,
                       String refPayoutId, String failureCode, String failureMessage, boolean held,
                       Instant createdAt, Instant sentAt, Instant completedAt) {
    }

    private static final String LINE_SELECT = """
            select p.id, p.merchant_id, m.merchant_name, p.amount, p.status, p.attempt, p.ref_payout_id,
                   p.failure_code, p.failure_message, p.held_at is not null as held, p.created_at, p.sent_at,
                   p.completed_at
            from payout p join merchant m on m.id = p.merchant_id
            """;

    /** Payouts in {@code status} (any when null), newest first, before payout {@code beforeId}. */
    public static List<Line> page(Connection c, PayoutState status, long beforeId, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LINE_SELECT + """
                where (?::text is null or p.status = ?) and p.id < ?
                order by p.id desc limit ?""")) {
            String state = status == null ? null : status.name();
            s.setString(1, state);
            s.setString(2, state);
            s.setLong(3, beforeId);
            s.setInt(4, limit);
            return lines(s);
        }
    }

    public static Optional<Line> line(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LINE_SELECT + "where p.id = ?")) {
            s.setLong(1, id);
            return lines(s).stream().findFirst();
        }
    }

    private static List<Line> lines(PreparedStatement s) throws SQLException {
        List<Line> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(new Line(rs.getLong("id"), rs.getLong("merchant_id"), rs.getString("merchant_name"),
                        rs.getLong("amount"), PayoutState.valueOf(rs.getString("status")), rs.getInt("attempt"),
                        rs.getString("ref_payout_id"), rs.getString("failure_code"), rs.getString("failure_message"),
                        rs.getBoolean("held"), rs.getTimestamp("created_at").toInstant(),
                        Columns.instant(rs, "sent_at"), Columns.instant(rs, "completed_at")));
            }
        }
        return out;
    }

    /**
     * Holds the payout (only while it waits: PENDING or FAILED) or releases it; true if this changed
     * it. One in flight or done is beyond holding.
     */
    public static boolean setHeld(Connection c, long id, boolean held) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(held
                ? "update payout set held_at = now() where id = ? and held_at is null and status in ('PENDING', 'FAILED')"
                : "update payout set held_at = null where id = ? and held_at is not null")) {
            s.setLong(1, id);
            return s.executeUpdate() == 1;
        }
    }
}
