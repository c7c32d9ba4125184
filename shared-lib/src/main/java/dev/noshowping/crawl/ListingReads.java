package dev.noshowping.crawl;

import dev.noshowping.db.Columns;
import dev.noshowping.db.NamedSql;
import dev.noshowping.db.NamedStatement;
import dev.noshowping.db.Transaction;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
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
        try (NamedStatement s = SELECT.prepare(c)) {
            s.setEnum("source", q.source()).setEnum("status", q.status()).setString("keyword", q.keyword());
            s.set("afterTime", q.after() == null ? null : Timestamp.from(q.after().lastSeenAt()));
            s.set("afterId", q.after() == null ? null : q.after().id());
            s.set("limit", q.limit() + 1);
            List<ListingView> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new ListingView(rs.getLong("id"), MarketSource.valueOf(rs.getString("source")),
                            rs.getString("external_id"), rs.getString("title"), rs.getLong("price"), rs.getString("url"),
                            SaleStatus.valueOf(rs.getString("sale_status")), Columns.instant(rs, "posted_at"),
                            Columns.instant(rs, "first_seen_at"), Columns.instant(rs, "last_seen_at")));
                }
            }
            return out;
        }
    }

    private static final NamedSql SELECT = NamedSql.parse("""
            select l.id, l.source, l.external_id, l.title, l.price, l.url, l.sale_status, l.posted_at,
                   l.first_seen_at, l.last_seen_at
            from crawled_listing l
            where (:source::text is null or l.source = :source)
              and (:status::text is null or l.sale_status = :status)
              and (:keyword::text is null or exists (
                    select 1 from listing_keyword lk join crawl_keyword k on k.id = lk.keyword_id
                    where lk.listing_id = l.id and k.keyword = :keyword))
              and (:afterTime::timestamptz is null or (l.last_seen_at, l.id) < (:afterTime::timestamptz, :afterId::bigint))
            order by l.last_seen_at desc, l.id desc
            limit :limit""");
}
