package dev.noshowping.merchant;

import dev.noshowping.db.NamedSql;
import dev.noshowping.db.NamedStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL of the merchant aggregate. */
public final class MerchantRepository {

    /** The caller's merchant identity, as use cases need it: ids and the name passed to notifications. */
    public record MerchantRef(long merchantId, long userId, String merchantName, boolean suspended) {
    }

    private static final String SELECT = """
            select m.id, m.merchant_name, m.payout_bank, m.payout_account_masked, u.phone,
                   m.verified_at is not null as verified, m.suspended_at is not null as suspended, m.created_at
            from merchant m join app_user u on u.id = m.user_id
            """;

    private MerchantRepository() {
    }

    /** Inserts unless the user already is a merchant; empty when they are. */
    public static Optional<Merchant> insert(Connection c, long userId, String name, String bank, String masked,
                                            byte[] encryptedAccount) throws SQLException {
        try (NamedStatement s = INSERT.prepare(c)) {
            s.set("user", userId).setString("name", name).setString("bank", bank).setString("masked", masked);
            s.set("encrypted", encryptedAccount);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return findById(c, rs.getLong("id"));
            }
        }
    }

    private static final NamedSql INSERT = NamedSql.parse("""
            insert into merchant (user_id, merchant_name, payout_bank, payout_account_masked, payout_account_encrypted)
            select :user, :name, :bank, :masked, :encrypted where not exists (select 1 from merchant where user_id = :user)
            returning id""");

    /** Marks the merchant verified now, unless it already was; true if this changed it. */
    public static boolean markVerified(Connection c, long merchantId) throws SQLException {
        try (var s = c.prepareStatement("update merchant set verified_at = now() where id = ? and verified_at is null")) {
            s.setLong(1, merchantId);
            return s.executeUpdate() == 1;
        }
    }

    /** Suspends the merchant now, or lifts the suspension; true if this changed it. */
    public static boolean setSuspended(Connection c, long merchantId, boolean suspended) throws SQLException {
        try (var s = c.prepareStatement(suspended
                ? "update merchant set suspended_at = now(), updated_at = now() where id = ? and suspended_at is null"
                : "update merchant set suspended_at = null, updated_at = now() where id = ? and suspended_at is not null")) {
            s.setLong(1, merchantId);
            return s.executeUpdate() == 1;
        }
    }

    /** Merchants in {@code status}, newest first, before merchant {@code beforeId}. */
    public static List<Merchant> page(Connection c, MerchantStatus status, long beforeId, int limit) throws SQLException {
        String where = switch (status) {
            case UNVERIFIED -> "m.verified_at is null and m.suspended_at is null";
            case VERIFIED -> "m.verified_at is not null and m.suspended_at is null";
            case SUSPENDED -> "m.suspended_at is not null";
        };
        try (var s = c.prepareStatement(SELECT + "where " + where + " and m.id < ? order by m.id desc limit ?")) {
            s.setLong(1, beforeId);
            s.setInt(2, limit);
            List<Merchant> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
            return out;
        }
    }

    public static Optional<Merchant> findById(Connection c, long merchantId) throws SQLException {
        try (var s = c.prepareStatement(SELECT + "where m.id = ?")) {
            s.setLong(1, merchantId);
            return one(s);
        }
    }

    public static Optional<Merchant> findBySubject(Connection c, String subject) throws SQLException {
        try (var s = c.prepareStatement(SELECT + "where u.external_subject = ?")) {
            s.setString(1, subject);
            return one(s);
        }
    }

    public static Optional<MerchantRef> refBySubject(Connection c, String subject) throws SQLException {
        try (var s = c.prepareStatement("""
                select m.id, m.user_id, m.merchant_name, m.suspended_at is not null as suspended
                from merchant m join app_user u on u.id = m.user_id
                where u.external_subject = ?""")) {
            s.setString(1, subject);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next()
                        ? Optional.of(new MerchantRef(rs.getLong("id"), rs.getLong("user_id"), rs.getString("merchant_name"),
                                rs.getBoolean("suspended")))
                        : Optional.empty();
            }
        }
    }

    private static Optional<Merchant> one(java.sql.PreparedStatement s) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(map(rs));
        }
    }

    private static Merchant map(ResultSet rs) throws SQLException {
        return new Merchant(rs.getLong("id"), rs.getString("merchant_name"), rs.getString("payout_bank"),
                rs.getString("payout_account_masked"), rs.getString("phone"), rs.getBoolean("verified"),
                rs.getBoolean("suspended"), rs.getTimestamp("created_at").toInstant());
    }

    /** A merchant's sealed payout account, with the subject it is bound to. */
    public record SealedAccount(long merchantId, String ownerSubject, byte[] sealed) {
    }

    /** Payout accounts not sealed in {@code layout} under key {@code keyId}: what a key rotation rewrites. */
    public static java.util.List<SealedAccount> accountsNotUnder(Connection c, int layout, int keyId, int limit)
            throws SQLException {
        try (var s = c.prepareStatement("""
                select m.id, u.external_subject, m.payout_account_encrypted
                from merchant m join app_user u on u.id = m.user_id
                where get_byte(m.payout_account_encrypted, 0) <> ? or get_byte(m.payout_account_encrypted, 1) <> ?
                order by m.id limit ?""")) {
            s.setInt(1, layout);
            s.setInt(2, keyId);
            s.setInt(3, limit);
            java.util.List<SealedAccount> found = new java.util.ArrayList<>();
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(new SealedAccount(rs.getLong("id"), rs.getString("external_subject"),
                            rs.getBytes("payout_account_encrypted")));
                }
            }
            return found;
        }
    }

    /** Replaces a sealed account, unless it changed since it was read (the merchant's own edit wins). */
    public static boolean resealAccount(Connection c, long merchantId, byte[] was, byte[] now) throws SQLException {
        try (var s = c.prepareStatement(
                "update merchant set payout_account_encrypted = ? where id = ? and payout_account_encrypted = ?")) {
            s.setBytes(1, now);
            s.setLong(2, merchantId);
            s.setBytes(3, was);
            return s.executeUpdate() == 1;
        }
    }
}
