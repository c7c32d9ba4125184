package dev.noshowping.resale;

import dev.noshowping.article.AlsoListed;
import dev.noshowping.article.ArticleStatus;
import dev.noshowping.crawl.MarketSource;
import dev.noshowping.crawl.SaleStatus;
import dev.noshowping.db.NamedSql;
import dev.noshowping.db.NamedStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** SQL of the 24 h resale check: due articles, their links, the checks, the article's move. */
public final class ResaleRepository {

    /**
     * An article to check: what its messages need, the listings it points to, and when its check is
     * due next (a lease moves it an hour on, a finished check a day).
     */
    record Due(long articleId, ArticleStatus status, String title, long sellerUserId, Instant nextCheckAt, List<Link> links,
               String place, LocalDate checkIn, long salePrice) {
    }

    /** An article taken up by a fan-out, and the end of its lease: the check it is queued for. */
    record Lease(long articleId, Instant until) {
    }

    /**
     * A listing to look up: the seller's {@code external_link} ({@code LINK}, {@code id} its row) or a
     * crawled listing that is probably the same booking ({@code SIMILAR}, {@code id} the listing's row).
     */
    record Link(long id, MarketSource source, String externalId, AlsoListed.Match match) {
    }

    private ResaleRepository() {
    }

    /**
     * Takes up to {@code max} articles on sale whose check is due and that link to a marketplace, or
     * whose place a listing seen since {@code seenSince} names (it may be a guess to look up), and
     * leases them for an hour (their next check moves an hour on), so a schedule firing again before
     * the worker ran does not queue them twice. The worker then sets the real next check.
     */
    static List<Lease> leaseDue(Connection c, int max, Instant seenSince) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                update article a set next_resale_check_at = now() + interval '1 hour'
                where a.id in (
                    select d.id from article d
                    where d.status = 'ON_SALE' and d.next_resale_check_at <= now()
                      and (exists (select 1 from external_link l where l.article_id = d.id)
                           or exists (select 1 from crawled_listing l
                                      where strpos(lower(l.title), lower(d.accommodation_name)) > 0
                                        and l.last_seen_at >= ?))
                    order by d.next_resale_check_at
                    limit ?
                    for update skip locked)
                returning a.id, a.next_resale_check_at""")) {
            s.setTimestamp(1, Timestamp.from(seenSince));
            s.setInt(2, max);
            List<Lease> leases = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    leases.add(new Lease(rs.getLong("id"), rs.getTimestamp("next_resale_check_at").toInstant()));
                }
            }
            return leases;
        }
    }

    static Optional<Due> find(Connection c, long articleId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select a.status, a.title, m.user_id, l.id as link_id, l.source, l.external_id, a.next_resale_check_at,
                       a.accommodation_name, a.check_in, a.sale_price
                from article a join merchant m on m.id = a.merchant_id
                left join external_link l on l.article_id = a.id
                where a.id = ?
                order by l.id""")) {
            s.setLong(1, articleId);
            try (ResultSet rs = s.executeQuery()) {
                Due due = null;
                List<Link> links = new ArrayList<>();
                while (rs.next()) {
                    if (due == null) {
                        java.sql.Timestamp next = rs.getTimestamp("next_resale_check_at");
                        due = new Due(articleId, ArticleStatus.valueOf(rs.getString("status")), rs.getString("title"),
                                rs.getLong("user_id"), next == null ? null : next.toInstant(), links,
                                rs.getString("accommodation_name"), rs.getDate("check_in").toLocalDate(),
                                rs.getLong("sale_price"));
                    }
                    if (rs.getObject("link_id") != null) {
                        links.add(new Link(rs.getLong("link_id"), MarketSource.valueOf(rs.getString("source")),
                                rs.getString("external_id"), AlsoListed.Match.LINK));
                    }
                }
                return Optional.ofNullable(due);
            }
        }
    }

    /** The crawled listings of guesses already found sold for the article: the seller was asked once. */
    static Set<Long> guessesFoundSold(Connection c, long articleId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select crawled_listing_id from resale_check where article_id = ? and outcome = 'SIMILAR_SOLD'""")) {
            s.setLong(1, articleId);
            Set<Long> out = new HashSet<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong("crawled_listing_id"));
                }
            }
            return out;
        }
    }

    static void record(Connection c, long articleId, Link link, SaleStatus observedStatus, ResaleOutcome outcome)
            throws SQLException {
        try (NamedStatement s = RECORD.prepare(c)) {
            boolean guess = link.match() == AlsoListed.Match.SIMILAR;
            s.set("article", articleId).set("link", guess ? null : link.id()).set("listing", guess ? link.id() : null);
            s.setString("observed", observedStatus == null ? null : observedStatus.name()).setEnum("outcome", outcome);
            s.executeUpdate();
        }
    }

    private static final NamedSql RECORD = NamedSql.parse("""
            insert into resale_check (article_id, external_link_id, crawled_listing_id, observed_status, outcome)
            values (:article, :link::bigint, :listing::bigint, :observed, :outcome)""");

    /** ON_SALE → SOLD_ELSEWHERE; false when the article is no longer on sale here (held, sold, withdrawn). */
    static boolean markSoldElsewhere(Connection c, long articleId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                update article
                set status = 'SOLD_ELSEWHERE', version = version + 1, updated_at = now(),
                    last_resale_check_at = now(), next_resale_check_at = null
                where id = ? and status = 'ON_SALE'""")) {
            s.setLong(1, articleId);
            return s.executeUpdate() == 1;
        }
    }

    /** The check is done: the next one is due a day later (while the article stays on sale). */
    static void scheduleNext(Connection c, long articleId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                update article set last_resale_check_at = now(), next_resale_check_at = now() + interval '24 hours'
                where id = ? and status = 'ON_SALE'""")) {
            s.setLong(1, articleId);
            s.executeUpdate();
        }
    }

    /** One look-up as staff see it: which article and listing, what the marketplace showed, what it meant. */
    public record Check(long id, long articleId, String articleTitle, MarketSource source, String url,
                        SaleStatus observedStatus, ResaleOutcome outcome, Instant checkedAt) {
    }

    /** Look-ups with {@code outcome} (any when null), newest first, before look-up {@code beforeId}. */
    public static List<Check> page(Connection c, ResaleOutcome outcome, long beforeId, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select rc.id, rc.article_id, a.title, coalesce(l.source, cl.source) as source,
                       coalesce(l.url, cl.url) as url, rc.observed_status, rc.outcome, rc.checked_at
                from resale_check rc
                join article a on a.id = rc.article_id
                left join external_link l on l.id = rc.external_link_id
                left join crawled_listing cl on cl.id = rc.crawled_listing_id
                where (?::text is null or rc.outcome = ?) and rc.id < ?
                order by rc.id desc limit ?""")) {
            String o = outcome == null ? null : outcome.name();
            s.setString(1, o);
            s.setString(2, o);
            s.setLong(3, beforeId);
            s.setInt(4, limit);
            List<Check> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String observed = rs.getString("observed_status");
                    out.add(new Check(rs.getLong("id"), rs.getLong("article_id"), rs.getString("title"),
                            MarketSource.valueOf(rs.getString("source")), rs.getString("url"),
                            observed == null ? null : SaleStatus.valueOf(observed),
                            ResaleOutcome.valueOf(rs.getString("outcome")), rs.getTimestamp("checked_at").toInstant()));
                }
            }
            return out;
        }
    }
}
