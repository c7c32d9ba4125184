package dev.noshowping.crawl;

import dev.noshowping.db.Transaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** {@code GET /listings}: crawled listings by keyword, source and status, most recently seen first. */
public final class ListingReads {

    private final Supplier<DataSource> dataSource;

    public ListingReads(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    public ListingPage search(ListingQuery q) {
        List<ListingView> rows = Transaction.read(dataSource.get(), c -> select(c, q));
        if (rows.size() <= q.limit()) {
            return new ListingPage(rows, null);
        }
        List<ListingView> page = List.copyOf(rows.subList(0, q.limit()));
        return new ListingPage(page, ListingQuery.encode(page.getLast()));
    }

    private static List<ListingView> select(Connection c, ListingQuery q) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select l.id, l.source, l.external_id, l.title, l.price, l.url, l.sale_status, l.posted_at,
                       l.first_seen_at, l.last_seen_at
                from crawled_listing l
                where (?::text is null or l.source = ?)
                  and (?::text is null or l.sale_status = ?)
                  and (?::text is null or exists (
                        select 1 from listing_keyword lk join crawl_keyword k on k.id = lk.keyword_id
                        where lk.listing_id = l.id and k.keyword = ?))
                  and (?::timestamptz is null or (l.last_seen_at, l.id) < (?, ?))
                order by l.last_seen_at desc, l.id desc
                limit ?""")) {
            int i = 0;
            String source = q.source() == null ? null : q.source().name();
            String status = q.status() == null ? null : q.status().name();
            s.setString(++i, source);
            s.setString(++i, source);
            s.setString(++i, status);
            s.setString(++i, status);
            s.setString(++i, q.keyword());
            s.setString(++i, q.keyword());
            Timestamp after = q.after() == null ? null : Timestamp.from(q.after().lastSeenAt());
            s.setTimestamp(++i, after);
            s.setTimestamp(++i, after);
            if (q.after() == null) {
                s.setNull(++i, Types.BIGINT);
            } else {
                s.setLong(++i, q.after().id());
            }
            s.setInt(++i, q.limit() + 1);
            List<ListingView> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new ListingView(rs.getLong("id"), MarketSource.valueOf(rs.getString("source")),
                            rs.getString("external_id"), rs.getString("title"), rs.getLong("price"), rs.getString("url"),
                            SaleStatus.valueOf(rs.getString("sale_status")), instant(rs.getTimestamp("posted_at")),
                            instant(rs.getTimestamp("first_seen_at")), instant(rs.getTimestamp("last_seen_at"))));
                }
            }
            return out;
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
