package dev.noshowping.fraud;

import dev.noshowping.article.ArticleStatus;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** SQL of the fraud signals: read-only groupings over articles, orders and crawled listings. */
final class FraudSignalRepository {

    /** Articles and their merchants that share something, and how often it was seen. */
    record Group(List<Long> merchantIds, List<Long> articleIds, int count) {
    }

    /** An article on sale and the recent crawled listings that name its place. */
    record Priced(long articleId, long merchantId, LocalDate checkIn, long salePrice, List<MarketPrice.Listing> listings) {
    }

    private FraudSignalRepository() {
    }

    static List<Group> sameBookingReference(Connection c, Collection<ArticleStatus> live) throws SQLException {
        return groups(c, """
                select array_agg(distinct a.merchant_id) as merchants, array_agg(a.id order by a.id) as articles,
                       count(*) as n
                from reservation r join article a on a.id = r.article_id
                where r.booking_reference_digest is not null and a.status = any (?)
                group by r.booking_reference_digest
                having count(*) > 1
                order by min(a.id)""", statuses(c, live));
    }

    static List<Group> sameScreenshot(Connection c, Collection<ArticleStatus> live) throws SQLException {
        return groups(c, """
                select array_agg(distinct a.merchant_id) as merchants, array_agg(distinct a.id) as articles,
                       count(distinct a.id) as n
                from screenshot s join reservation r on r.id = s.reservation_id join article a on a.id = r.article_id
                where s.content_sha256 is not null and a.status = any (?)
                group by s.content_sha256
                having count(distinct a.id) > 1
                order by min(a.id)""", statuses(c, live));
    }

    static List<Group> disputesBySeller(Connection c, Instant since, int atLeast) throws SQLException {
        return groups(c, """
                select array[m.id] as merchants, array_agg(o.article_id order by o.article_id) as articles,
                       count(*) as n
                from dispute d join orders o on o.id = d.order_id join merchant m on m.user_id = o.seller_user_id
                where d.created_at >= ?
                group by m.id
                having count(*) >= ?
                order by count(*) desc, m.id""", Timestamp.from(since), atLeast);
    }

    static List<Group> missedTransfersBySeller(Connection c, Instant since, int atLeast) throws SQLException {
        return groups(c, """
                select array[m.id] as merchants, array_agg(o.article_id order by o.article_id) as articles,
                       count(*) as n
                from refund f join orders o on o.id = f.order_id join merchant m on m.user_id = o.seller_user_id
                where f.reason = 'TRANSFER_DEADLINE_MISSED' and f.created_at >= ?
                group by m.id
                having count(*) >= ?
                order by count(*) desc, m.id""", Timestamp.from(since), atLeast);
    }

    /**
     * The newest {@code limit} articles on sale, each with the listings seen since {@code seenSince}
     * whose title contains its place's name (its own % and _ taken literally).
     */
    static List<Priced> onSaleWithMarket(Connection c, Instant seenSince, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                with priced as (
                    select a.id, a.merchant_id, a.check_in, a.sale_price,
                           '%' || replace(replace(replace(a.accommodation_name, '\\', '\\\\'), '%', '\\%'), '_', '\\_')
                               || '%' as name_like
                    from article a
                    where a.status = 'ON_SALE'
                    order by a.id desc
                    limit ?)
                select p.id, p.merchant_id, p.check_in, p.sale_price, l.title, l.price
                from priced p join crawled_listing l on l.title ilike p.name_like
                where l.last_seen_at >= ? and l.price > 0
                order by p.id, l.id""")) {
            s.setInt(1, limit);
            s.setTimestamp(2, Timestamp.from(seenSince));
            List<Priced> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong("id");
                    if (out.isEmpty() || out.getLast().articleId() != id) {
                        out.add(new Priced(id, rs.getLong("merchant_id"), rs.getDate("check_in").toLocalDate(),
                                rs.getLong("sale_price"), new ArrayList<>()));
                    }
                    out.getLast().listings().add(new MarketPrice.Listing(rs.getString("title"), rs.getLong("price")));
                }
            }
            return out;
        }
    }

    private static Array statuses(Connection c, Collection<ArticleStatus> statuses) throws SQLException {
        return c.createArrayOf("text", statuses.stream().map(Enum::name).sorted().toArray());
    }

    private static List<Group> groups(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<Group> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Group(longs(rs.getArray("merchants")), longs(rs.getArray("articles")), rs.getInt("n")));
                }
            }
            return out;
        }
    }

    private static List<Long> longs(Array array) throws SQLException {
        return Arrays.stream((Long[]) array.getArray()).sorted().toList();
    }
}
