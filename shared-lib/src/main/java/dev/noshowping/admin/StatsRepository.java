package dev.noshowping.admin;

import dev.noshowping.db.NamedSql;
import dev.noshowping.db.NamedStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** SQL of the console's daily figures: counts read across orders, payments, disputes and notifications. */
final class StatsRepository {

    private StatsRepository() {
    }

    /** One row per day from {@code first} to {@code last} in {@code zone}, each event counted on its own day there. */
    static List<DailyStats.Day> days(Connection c, LocalDate first, LocalDate last, ZoneId zone) throws SQLException {
        try (NamedStatement s = DAYS.prepare(c)) {
            s.set("first", first).set("last", last).setString("zone", zone.getId())
                    .set("since", Timestamp.from(first.atStartOfDay(zone).toInstant()));
            List<DailyStats.Day> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new DailyStats.Day(rs.getDate("day").toLocalDate(), rs.getInt("orders_created"),
                            rs.getInt("orders_paid"), rs.getInt("disputes_opened"), rs.getInt("notifications_failed")));
                }
            }
            return out;
        }
    }

    private static final NamedSql DAYS = NamedSql.parse("""
            with made as (select (created_at at time zone :zone)::date as day, count(*) as n
                          from orders where created_at >= :since group by 1),
                 paid as (select (approved_at at time zone :zone)::date as day, count(*) as n
                          from payment where approved_at >= :since group by 1),
                 opened as (select (created_at at time zone :zone)::date as day, count(*) as n
                            from dispute where created_at >= :since group by 1),
                 failed as (select (updated_at at time zone :zone)::date as day, count(*) as n
                            from notification where status = 'FAILED' and updated_at >= :since group by 1)
            select d.day::date as day, coalesce(made.n, 0) as orders_created, coalesce(paid.n, 0) as orders_paid,
                   coalesce(opened.n, 0) as disputes_opened, coalesce(failed.n, 0) as notifications_failed
            from generate_series(:first::date, :last::date, interval '1 day') as d(day)
            left join made on made.day = d.day::date
            left join paid on paid.day = d.day::date
            left join opened on opened.day = d.day::date
            left join failed on failed.day = d.day::date
            order by d.day""");
}
