package dev.noshowping.ratelimit;

import dev.noshowping.domain.RateLimited;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The users' token buckets ({@code rate_bucket}), one row per user and action. A take locks the
 * row until the caller's transaction ends, so one user's concurrent requests are decided one
 * after the other, and whatever else the caller reads in that transaction after the take is
 * fresh: a second request waits for the first's commit.
 */
public final class RateLimits {

    private RateLimits() {
    }

    /**
     * Takes a token of {@code limit} for {@code subject}, or throws {@link RateLimited}. Run it in the
     * transaction whose work it guards; that transaction must commit even when its work is refused,
     * or refused attempts would cost nothing.
     */
    public static void take(Connection c, String subject, RateLimit limit, Instant now) throws SQLException {
        TokenBucket bucket = lock(c, subject, limit, now);
        switch (bucket.take(limit, now)) {
            case TokenBucket.Take.Taken taken -> store(c, subject, limit.action(), taken.bucket());
            case TokenBucket.Take.Refused refused -> throw new RateLimited(limit.action(), refused.retryAfter());
        }
    }

    /** The user's bucket, made full on first sight, locked for the rest of the transaction. */
    private static TokenBucket lock(Connection c, String subject, RateLimit limit, Instant now) throws SQLException {
        // a plain row lock where the bucket exists (nearly always): unlike an upsert, it writes no row version
        try (PreparedStatement s = c.prepareStatement(
                "select tokens, refilled_at from rate_bucket where subject = ? and action = ? for update")) {
            s.setString(1, subject);
            s.setString(2, limit.action().name());
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    return bucket(rs);
                }
            }
        }
        // first sight: insert a full bucket; of two first requests at once, the second's upsert waits
        // for the first's commit and then locks the row as it left it
        try (PreparedStatement s = c.prepareStatement("""
                insert into rate_bucket (subject, action, tokens, refilled_at) values (?, ?, ?, ?)
                on conflict (subject, action) do update set tokens = rate_bucket.tokens
                returning tokens, refilled_at""")) {
            TokenBucket full = TokenBucket.full(limit, now);
            s.setString(1, subject);
            s.setString(2, limit.action().name());
            s.setDouble(3, full.tokens());
            s.setTimestamp(4, Timestamp.from(full.refilledAt()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return bucket(rs);
            }
        }
    }

    private static TokenBucket bucket(ResultSet rs) throws SQLException {
        return new TokenBucket(rs.getDouble("tokens"), rs.getTimestamp("refilled_at").toInstant());
    }

    private static void store(Connection c, String subject, LimitedAction action, TokenBucket bucket) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "update rate_bucket set tokens = ?, refilled_at = ? where subject = ? and action = ?")) {
            s.setDouble(1, bucket.tokens());
            s.setTimestamp(2, Timestamp.from(bucket.refilledAt()));
            s.setString(3, subject);
            s.setString(4, action.name());
            s.executeUpdate();
        }
    }

    /**
     * Forgets up to {@code limit} buckets last refilled before {@code refilledBefore}, oldest first.
     * The caller picks an instant by which every bucket is full again ({@link RateLimit#fullAfter}),
     * so forgetting one changes nothing: the next take makes it full. A bucket a take has locked is
     * skipped, and the age is checked again on the row as it is when deleted.
     */
    public static int forgetRefilledBefore(Connection c, Instant refilledBefore, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                delete from rate_bucket b
                using (select subject, action from rate_bucket where refilled_at < ?
                       order by refilled_at limit ? for update skip locked) idle
                where b.subject = idle.subject and b.action = idle.action and b.refilled_at < ?""")) {
            s.setTimestamp(1, Timestamp.from(refilledBefore));
            s.setInt(2, limit);
            s.setTimestamp(3, Timestamp.from(refilledBefore));
            return s.executeUpdate();
        }
    }
}
