package dev.noshowping.savedsearch;

import dev.noshowping.article.ArticleQuery;
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
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** SQL of saved searches and their matches. */
final class SavedSearchRepository {

    private SavedSearchRepository() {
    }

    static int countOf(Connection c, long userId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select count(*) from saved_search where user_id = ?")) {
            s.setLong(1, userId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Stores {@code words} (each once, case ignored) and the other criteria of {@code q}. */
    static SavedSearch insert(Connection c, long userId, List<String> words, ArticleQuery q) throws SQLException {
        try (NamedStatement s = INSERT.prepare(c)) {
            s.set("user", userId).set("words", c.createArrayOf("text", words.toArray()));
            s.setString("region", q.region()).set("checkInFrom", q.checkInFrom()).set("checkInTo", q.checkInTo());
            s.set("stayFrom", q.stayFrom()).set("stayTo", q.stayTo()).set("guests", q.guests());
            s.set("minPrice", q.minPrice()).set("maxPrice", q.maxPrice());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return read(rs);
            }
        }
    }

    private static final NamedSql INSERT = NamedSql.parse("""
            insert into saved_search (user_id, words, region, check_in_from, check_in_to, stay_from, stay_to,
                                      guests, min_price, max_price)
            values (:user, :words, :region, :checkInFrom, :checkInTo, :stayFrom, :stayTo,
                    :guests::int, :minPrice::bigint, :maxPrice::bigint)
            returning id, words, region, check_in_from, check_in_to, stay_from, stay_to, guests, min_price, max_price,
                      created_at""");

    /** The caller's saved searches, oldest first. */
    static List<SavedSearch> listOf(Connection c, String subject) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select s.id, s.words, s.region, s.check_in_from, s.check_in_to, s.stay_from, s.stay_to, s.guests,
                       s.min_price, s.max_price, s.created_at
                from saved_search s join app_user u on u.id = s.user_id
                where u.external_subject = ? order by s.id""")) {
            s.setString(1, subject);
            List<SavedSearch> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        }
    }

    /** Deletes the search if {@code subject} owns it (its matches go with it); whether it did. */
    static boolean delete(Connection c, long id, String subject) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                delete from saved_search s using app_user u
                where s.id = ? and u.id = s.user_id and u.external_subject = ?""")) {
            s.setLong(1, id);
            s.setString(2, subject);
            return s.executeUpdate() == 1;
        }
    }

    static SavedSearch read(ResultSet rs) throws SQLException {
        String[] words = (String[]) rs.getArray("words").getArray();
        return new SavedSearch(rs.getLong("id"), words.length == 0 ? null : String.join(" ", words),
                rs.getString("region"), date(rs, "check_in_from"), date(rs, "check_in_to"), date(rs, "stay_from"),
                date(rs, "stay_to"), rs.getObject("guests", Integer.class), rs.getObject("min_price", Long.class),
                rs.getObject("max_price", Long.class), rs.getTimestamp("created_at").toInstant());
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    /** The listings crawl run {@code runId} stored first (no earlier run found them), still selling, in id order. */
    static List<Long> listingsFirstStoredBy(Connection c, long runId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select l.id from crawled_listing l
                where l.id in (select k.listing_id from listing_keyword k where k.first_run_id = ?)
                  and not exists (select 1 from listing_keyword o where o.listing_id = l.id and o.first_run_id < ?)
                  and l.sale_status = 'SELLING'
                order by l.id""")) {
            s.setLong(1, runId);
            s.setLong(2, runId);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong("id"));
                }
            }
            return ids;
        }
    }

    /**
     * Records every saved search that the articles {@code articles} (just put on sale) or the
     * crawled listings {@code listings} match, once per (search, item): a repeat records nothing.
     * Returns how many matches are new.
     *
     * <p>Words are found as {@code GET /articles?q=} finds them: each word somewhere in the text,
     * case ignored ({@code strpos} of lower-cased text is {@code ILIKE '%word%'} without the
     * pattern). Each distinct word of all searches is looked for once in each item ({@code hit});
     * a search's candidates are the items holding its rarest word among these items (a hash join
     * on that word), and only on those are its other words checked, with its other criteria. So
     * the cost follows words × items plus the items each search's rarest word finds, not searches
     * × items. An article is the text of its search (title, place, region), its region, stay,
     * guests and price; a crawled listing is only its title and its price, so a search matches a
     * listing on its words and price alone, and one without words never (it would match every
     * listing). A seller is not told of their own article; only articles still on sale from
     * sellers not suspended, and listings still selling, match. A pair already recorded (a
     * redelivery) is skipped before the insert, so it takes no identity value; {@code on conflict}
     * covers a concurrent twin.
     */
    static int match(Connection c, List<Long> articles, List<Long> listings) throws SQLException {
        try (NamedStatement s = MATCH.prepare(c)) {
            s.set("articles", c.createArrayOf("bigint", articles.toArray()));
            s.set("listings", c.createArrayOf("bigint", listings.toArray()));
            return s.executeUpdate();
        }
    }

    private static final NamedSql MATCH = NamedSql.parse("""
            with item as (
                select 'ARTICLE' as kind, a.id, lower(a.title || ' ' || a.accommodation_name || ' ' || a.region) as text,
                       a.sale_price as price, a.region, a.check_in, a.check_out, p.guests, m.user_id as owner
                from article a join merchant m on m.id = a.merchant_id join service_product p on p.article_id = a.id
                where a.id = any (:articles) and a.status = 'ON_SALE' and m.suspended_at is null
                union all
                select 'LISTING', l.id, lower(l.title), l.price, null::text, null::date, null::date, null::int, null::bigint
                from crawled_listing l
                where l.id = any (:listings) and l.sale_status = 'SELLING'),
            search_word as (
                select s.id as search_id, lower(w) as word from saved_search s cross join unnest(s.words) w),
            hit as (
                select w.word, i.* from (select distinct word from search_word) w join item i on strpos(i.text, w.word) > 0),
            -- the word of each search that the fewest of these items hold (a word none holds comes first)
            rarest as (
                select distinct on (w.search_id) w.search_id, w.word
                from search_word w left join (select word, count(*) as items from hit group by word) n on n.word = w.word
                order by w.search_id, coalesce(n.items, 0)),
            candidate as (
                select r.search_id, h.kind, h.id, h.text, h.price, h.region, h.check_in, h.check_out, h.guests, h.owner
                from rarest r join hit h on h.word = r.word
                union all
                select s.id, i.kind, i.id, i.text, i.price, i.region, i.check_in, i.check_out, i.guests, i.owner
                from saved_search s cross join item i
                where cardinality(s.words) = 0 and i.kind = 'ARTICLE')
            insert into saved_search_match (saved_search_id, item_kind, item_id)
            select s.id, i.kind, i.id
            from candidate i join saved_search s on s.id = i.search_id
            where s.user_id is distinct from i.owner
              and (s.min_price is null or i.price >= s.min_price)
              and (s.max_price is null or i.price <= s.max_price)
              and (i.kind = 'LISTING' or (
                       (s.region is null or i.region = s.region)
                   and (s.check_in_from is null or i.check_in >= s.check_in_from)
                   and (s.check_in_to is null or i.check_in <= s.check_in_to)
                   and (s.stay_from is null or i.check_out > s.stay_from)
                   and (s.stay_to is null or i.check_in < s.stay_to)
                   and (s.guests is null or i.guests >= s.guests)))
              and not exists (select 1 from unnest(s.words) w where strpos(i.text, lower(w)) = 0)
              and not exists (select 1 from saved_search_match m
                              where m.saved_search_id = s.id and m.item_kind = i.kind and m.item_id = i.id)
            on conflict (saved_search_id, item_kind, item_id) do nothing""");

    /** A search whose owner is due a message, with what it matched since the last one, oldest first. */
    record Due(SavedSearch search, long ownerUserId, List<Pending> matches) {
    }

    /** A match not told yet, with what the message shows of its item (no title: the item is gone). */
    record Pending(long id, MatchKind kind, long itemId, String title, Long price) {
    }

    /**
     * Up to {@code limit} searches with matches not told yet whose owner was last told at or
     * before {@code toldBefore} (or never), locked (those another run holds are skipped), with
     * those matches.
     */
    static List<Due> lockDue(Connection c, Instant toldBefore, int limit) throws SQLException {
        List<Due> due = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                select s.id, s.user_id, s.words, s.region, s.check_in_from, s.check_in_to, s.stay_from, s.stay_to,
                       s.guests, s.min_price, s.max_price, s.created_at
                from saved_search s
                where s.id in (select saved_search_id from saved_search_match where outbox_id is null)
                  and (s.last_alerted_at is null or s.last_alerted_at <= ?)
                order by s.id limit ?
                for update of s skip locked""")) {
            s.setTimestamp(1, Timestamp.from(toldBefore));
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    due.add(new Due(read(rs), rs.getLong("user_id"), new ArrayList<>()));
                }
            }
        }
        if (due.isEmpty()) {
            return due;
        }
        try (PreparedStatement s = c.prepareStatement("""
                select m.id, m.saved_search_id, m.item_kind, m.item_id, coalesce(a.title, l.title) as title,
                       coalesce(a.sale_price, l.price) as price
                from saved_search_match m
                left join article a on m.item_kind = 'ARTICLE' and a.id = m.item_id
                left join crawled_listing l on m.item_kind = 'LISTING' and l.id = m.item_id
                where m.saved_search_id = any (?) and m.outbox_id is null
                order by m.saved_search_id, m.id""")) {
            s.setArray(1, c.createArrayOf("bigint", due.stream().map(d -> d.search().id()).toArray()));
            try (ResultSet rs = s.executeQuery()) {
                int at = 0;
                while (rs.next()) {
                    long search = rs.getLong("saved_search_id");
                    while (due.get(at).search().id() != search) {
                        at++;
                    }
                    due.get(at).matches().add(new Pending(rs.getLong("id"), MatchKind.valueOf(rs.getString("item_kind")),
                            rs.getLong("item_id"), rs.getString("title"), rs.getObject("price", Long.class)));
                }
            }
        }
        return due;
    }

    /** The matches told by each outbox message ({@code outboxIds[i]} told {@code matchIds[i]}); the searches told at {@code now}. */
    static void told(Connection c, long[] matchIds, UUID[] outboxIds, long[] searchIds, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                update saved_search_match m set outbox_id = t.outbox_id
                from unnest(?::bigint[], ?::uuid[]) as t(id, outbox_id) where m.id = t.id""")) {
            s.setArray(1, c.createArrayOf("bigint", Arrays.stream(matchIds).boxed().toArray()));
            s.setArray(2, c.createArrayOf("uuid", outboxIds));
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("update saved_search set last_alerted_at = ? where id = any (?)")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setArray(2, c.createArrayOf("bigint", Arrays.stream(searchIds).boxed().toArray()));
            s.executeUpdate();
        }
    }
}
