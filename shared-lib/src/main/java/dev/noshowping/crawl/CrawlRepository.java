package dev.noshowping.crawl;

import dev.noshowping.db.Columns;
import dev.noshowping.db.NamedSql;
import dev.noshowping.db.NamedStatement;
import dev.noshowping.outbox.Outbox;
import dev.noshowping.privacy.PhoneMask;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL of the crawl: runs, tasks, listings and their provenance. */
final class CrawlRepository {

    /** What one page changed: rows inserted, known rows whose content changed, rows new to this keyword. */
    record PageResult(int inserted, int changed, int newToKeyword) {
    }

    private CrawlRepository() {
    }

    /** A run just opened: its id, and its tasks (none when no keyword is active; the run is closed then). */
    record OpenedRun(long runId, List<CrawlTaskMessage> tasks) {
    }

    /** Opens a run with one task per (source, active keyword). */
    static OpenedRun openRun(Connection c, CrawlTrigger trigger) throws SQLException {
        long runId;
        try (PreparedStatement s = c.prepareStatement("insert into crawl_run (trigger) values (?) returning id")) {
            s.setString(1, trigger.name());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                runId = rs.getLong("id");
            }
        }
        List<CrawlTaskMessage> tasks = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                insert into crawl_task (run_id, source, keyword_id)
                select ?, src.source, k.id
                from crawl_keyword k cross join unnest(?::text[]) as src(source)
                where k.active
                order by k.id, src.source
                returning id, source, keyword_id,
                          (select keyword from crawl_keyword where id = keyword_id) as keyword""")) {
            s.setLong(1, runId);
            s.setArray(2, c.createArrayOf("text", Arrays.stream(MarketSource.values()).map(Enum::name).toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tasks.add(new CrawlTaskMessage(runId, rs.getLong("id"), MarketSource.valueOf(rs.getString("source")),
                            rs.getLong("keyword_id"), rs.getString("keyword")));
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "update crawl_run set tasks = ?, finished_at = case when ? = 0 then now() end where id = ?")) {
            s.setInt(1, tasks.size());
            s.setInt(2, tasks.size());
            s.setLong(3, runId);
            s.executeUpdate();
        }
        return new OpenedRun(runId, tasks);
    }

    /** Fails tasks nobody finished in time and closes the runs that leaves complete; returns how many tasks. */
    static int abandonStaleTasks(Connection c) throws SQLException {
        List<Long> runs = new ArrayList<>();
        // an hour is many worker timeouts (300 s): the message is gone or its worker died
        try (PreparedStatement s = c.prepareStatement("""
                update crawl_task
                set status = 'FAILED', stop_reason = 'ERROR', finished_at = now(), updated_at = now(),
                    error = 'abandoned: not finished within an hour'
                where status in ('QUEUED', 'RUNNING') and created_at < now() - interval '1 hour'
                returning run_id""")) {
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    runs.add(rs.getLong("run_id"));
                }
            }
        }
        for (long run : runs.stream().distinct().toList()) {
            closeRunIfDone(c, run);
        }
        return runs.size();
    }

    /** Marks the task running; empty when it already ended or another worker has it (a redelivery). */
    static boolean claim(Connection c, long taskId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                update crawl_task set status = 'RUNNING', started_at = now(), updated_at = now()
                where id = ? and (status = 'QUEUED' or (status = 'RUNNING' and started_at < now() - interval '10 minutes'))""")) {
            s.setLong(1, taskId);
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Upserts one page of listings without consuming identity values for known rows (an
     * {@code insert … on conflict} burns one per row it does not insert):
     * known rows are updated, only unknown ones inserted, and pages of one source are written one at a
     * time (a transaction-scoped advisory lock), so two tasks never race to insert the same listing.
     * Provenance ({@code listing_keyword}) is added in the same statement; the task's counters too.
     */
    static PageResult savePage(Connection c, CrawlTaskMessage task, List<MarketListing> listings) throws SQLException {
        Map<String, MarketListing> unique = new LinkedHashMap<>();
        listings.forEach(l -> unique.putIfAbsent(l.externalId(), l));
        List<MarketListing> rows = List.copyOf(unique.values());
        try (PreparedStatement s = c.prepareStatement("select pg_advisory_xact_lock(hashtext('crawled_listing:' || ?))")) {
            s.setString(1, task.source().name());
            s.executeQuery().close();
        }
        PageResult result;
        try (NamedStatement s = SAVE_PAGE.prepare(c)) {
            s.set("externalIds", c.createArrayOf("text", rows.stream().map(MarketListing::externalId).toArray()));
            s.set("titles", c.createArrayOf("text", rows.stream().map(l -> cut(l.title(), 1000)).toArray()));
            s.set("prices", c.createArrayOf("bigint", rows.stream().map(l -> Math.max(0, l.price())).toArray()));
            s.set("urls", c.createArrayOf("text", rows.stream().map(MarketListing::url).toArray()));
            s.set("saleStatuses", c.createArrayOf("text", rows.stream().map(l -> l.saleStatus().name()).toArray()));
            s.set("postedAts", c.createArrayOf("timestamptz", rows.stream()
                    .map(l -> l.postedAt() == null ? null : Timestamp.from(l.postedAt())).toArray()));
            s.setEnum("source", task.source()).set("keyword", task.keywordId()).set("run", task.runId());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                result = new PageResult(rs.getInt("inserted"), rs.getInt("changed"), rs.getInt("new_to_keyword"));
            }
        }
        try (PreparedStatement s = c.prepareStatement("""
                update crawl_task
                set pages_fetched = pages_fetched + 1, listings_seen = listings_seen + ?,
                    listings_new = listings_new + ?, listings_updated = listings_updated + ?, updated_at = now()
                where id = ?""")) {
            s.setInt(1, rows.size());
            s.setInt(2, result.inserted());
            s.setInt(3, result.changed());
            s.setLong(4, task.taskId());
            s.executeUpdate();
        }
        return result;
    }

    private static final NamedSql SAVE_PAGE = NamedSql.parse("""
            with incoming as (
                select * from unnest(:externalIds::text[], :titles::text[], :prices::bigint[], :urls::text[],
                              :saleStatuses::text[], :postedAts::timestamptz[])
                    as i(external_id, title, price, url, sale_status, posted_at)),
            updated as (
                -- o is the row as it was: what changed is counted, every row seen gets last_seen_at
                -- statement_timestamp(), not now(): now() is when this transaction began, which
                -- may be before another page's transaction (holding the lock then) inserted the
                -- row, and last_seen_at must never precede first_seen_at
                update crawled_listing l
                set title = i.title, price = i.price, url = i.url, sale_status = i.sale_status,
                    posted_at = coalesce(i.posted_at, l.posted_at),
                    last_seen_at = greatest(l.last_seen_at, statement_timestamp()),
                    updated_at = case when (o.title, o.price, o.url, o.sale_status)
                                           is distinct from (i.title, i.price, i.url, i.sale_status)
                                      then now() else l.updated_at end
                from incoming i, crawled_listing o
                where l.source = :source and l.external_id = i.external_id and o.id = l.id
                returning l.id, (o.title, o.price, o.url, o.sale_status)
                                is distinct from (i.title, i.price, i.url, i.sale_status) as changed),
            inserted as (
                insert into crawled_listing (source, external_id, title, price, url, sale_status, posted_at)
                select :source, i.external_id, i.title, i.price, i.url, i.sale_status, i.posted_at
                from incoming i
                where not exists (select 1 from crawled_listing l where l.source = :source and l.external_id = i.external_id)
                returning id),
            provenance as (
                insert into listing_keyword (listing_id, keyword_id, first_run_id)
                select id, :keyword, :run from (select id from updated union all select id from inserted) seen
                on conflict (listing_id, keyword_id) do nothing
                returning listing_id)
            select (select count(*) from inserted) as inserted, (select count(*) from updated where changed) as changed,
                   (select count(*) from provenance) as new_to_keyword""");

    /** A page that ended the walk without listings still counts as fetched. */
    static void countEmptyPage(Connection c, long taskId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "update crawl_task set pages_fetched = pages_fetched + 1, updated_at = now() where id = ?")) {
            s.setLong(1, taskId);
            s.executeUpdate();
        }
    }

    /**
     * Ends the task and, if it was the run's last, closes the run with its totals and queues the
     * operations summary. The run row is locked first, so of two last tasks ending at once exactly
     * one sees the other finished.
     */
    static Optional<Map<String, Object>> finish(Connection c, CrawlTaskMessage task, CrawlTaskStatus status,
                                                StopReason stopReason, String error) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select id from crawl_run where id = ? for update")) {
            s.setLong(1, task.runId());
            s.executeQuery().close();
        }
        try (PreparedStatement s = c.prepareStatement("""
                update crawl_task set status = ?, stop_reason = ?, error = ?, finished_at = now(), updated_at = now()
                where id = ?""")) {
            s.setString(1, status.name());
            s.setString(2, stopReason.name());
            s.setString(3, error == null ? null : cut(PhoneMask.in(error), 2000));
            s.setLong(4, task.taskId());
            s.executeUpdate();
        }
        return closeRunIfDone(c, task.runId());
    }

    private static Optional<Map<String, Object>> closeRunIfDone(Connection c, long runId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                update crawl_run r
                set finished_at = now(), updated_at = now(), pages_fetched = t.pages, listings_new = t.added,
                    listings_updated = t.changed, errors = t.failed
                from (select coalesce(sum(pages_fetched), 0) pages, coalesce(sum(listings_seen), 0) seen,
                             coalesce(sum(listings_new), 0) added, coalesce(sum(listings_updated), 0) changed,
                             count(*) filter (where status = 'FAILED') failed
                      from crawl_task where run_id = ?) t
                where r.id = ? and r.finished_at is null
                  and not exists (select 1 from crawl_task where run_id = ? and status in ('QUEUED', 'RUNNING'))
                returning r.tasks, t.failed, t.pages, t.seen, t.added, t.changed,
                          extract(epoch from now() - r.started_at)::bigint as seconds""")) {
            s.setLong(1, runId);
            s.setLong(2, runId);
            s.setLong(3, runId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("runId", runId);
                summary.put("tasks", rs.getInt("tasks"));
                summary.put("failedTasks", rs.getInt("failed"));
                summary.put("pages", rs.getInt("pages"));
                summary.put("listings", rs.getInt("seen"));
                summary.put("newListings", rs.getInt("added"));
                summary.put("updatedListings", rs.getInt("changed"));
                summary.put("seconds", rs.getLong("seconds"));
                Outbox.add(c, "crawl.run_finished", summary);
                return Optional.of(summary);
            }
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** A run as staff see it: its totals, and each task's figures (source, keyword, pages, listings, why it stopped). */
    public record RunView(long id, CrawlTrigger trigger, Instant startedAt, Instant finishedAt, int tasks,
                          int pagesFetched, int listingsNew, int listingsUpdated, int errors, List<TaskView> perTask) {
    }

    public record TaskView(MarketSource source, String keyword, CrawlTaskStatus status, int pagesFetched,
                           int listingsSeen, int listingsNew, int listingsUpdated, StopReason stopReason, String error) {
    }

    /** Runs newest first, before run {@code beforeId}, each with its tasks. */
    public static List<RunView> runs(Connection c, long beforeId, int limit) throws SQLException {
        List<RunView> runs = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                select id, trigger, started_at, finished_at, tasks, pages_fetched, listings_new, listings_updated, errors
                from crawl_run where id < ? order by id desc limit ?""")) {
            s.setLong(1, beforeId);
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    runs.add(new RunView(rs.getLong("id"), CrawlTrigger.valueOf(rs.getString("trigger")),
                            rs.getTimestamp("started_at").toInstant(), Columns.instant(rs, "finished_at"),
                            rs.getInt("tasks"), rs.getInt("pages_fetched"), rs.getInt("listings_new"),
                            rs.getInt("listings_updated"), rs.getInt("errors"), new ArrayList<>()));
                }
            }
        }
        if (runs.isEmpty()) {
            return runs;
        }
        Map<Long, List<TaskView>> byRun = new LinkedHashMap<>();
        runs.forEach(r -> byRun.put(r.id(), r.perTask()));
        try (PreparedStatement s = c.prepareStatement("""
                select t.run_id, t.source, k.keyword, t.status, t.pages_fetched, t.listings_seen, t.listings_new,
                       t.listings_updated, t.stop_reason, t.error
                from crawl_task t join crawl_keyword k on k.id = t.keyword_id
                where t.run_id = any (?) order by t.run_id, k.keyword, t.source""")) {
            s.setArray(1, c.createArrayOf("bigint", byRun.keySet().toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String stop = rs.getString("stop_reason");
                    byRun.get(rs.getLong("run_id")).add(new TaskView(MarketSource.valueOf(rs.getString("source")),
                            rs.getString("keyword"), CrawlTaskStatus.valueOf(rs.getString("status")),
                            rs.getInt("pages_fetched"), rs.getInt("listings_seen"), rs.getInt("listings_new"),
                            rs.getInt("listings_updated"), stop == null ? null : StopReason.valueOf(stop),
                            rs.getString("error")));
                }
            }
        }
        return runs;
    }

    public record Keyword(long id, String keyword, boolean active, Instant createdAt) {
    }

    public static List<Keyword> keywords(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select id, keyword, active, created_at from crawl_keyword order by active desc, keyword")) {
            List<Keyword> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Keyword(rs.getLong("id"), rs.getString("keyword"), rs.getBoolean("active"),
                            rs.getTimestamp("created_at").toInstant()));
                }
            }
            return out;
        }
    }

    /** Adds the keyword, or makes an inactive one active again; empty when it is active already. */
    public static Optional<Keyword> addKeyword(Connection c, String keyword) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                insert into crawl_keyword (keyword) values (?)
                on conflict (keyword) do update set active = true, updated_at = now() where not crawl_keyword.active
                returning id, keyword, active, created_at""")) {
            s.setString(1, keyword);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Keyword(rs.getLong("id"), rs.getString("keyword"), rs.getBoolean("active"),
                        rs.getTimestamp("created_at").toInstant())) : Optional.empty();
            }
        }
    }

    /** Deactivates the keyword; true if this changed it. Its past tasks and listings stay. */
    public static boolean deactivateKeyword(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "update crawl_keyword set active = false, updated_at = now() where id = ? and active")) {
            s.setLong(1, id);
            return s.executeUpdate() == 1;
        }
    }

    public static boolean keywordExists(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select 1 from crawl_keyword where id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }
}
