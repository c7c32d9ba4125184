package dev.noshowping.article;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.crawl.SaleStatus;
import dev.noshowping.db.NamedSql;
import dev.noshowping.db.NamedStatement;
import dev.noshowping.identity.Caller;
import dev.noshowping.json.Json;
import dev.noshowping.order.OrderStatus;
import dev.noshowping.paging.PageRequest;
import dev.noshowping.screenshot.ScreenshotStatus;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL of the article aggregate: article, service product, reservation, its screenshots and external links. */
public final class ArticleRepository {

    /** A screenshot the caller named, as the database knows it. */
    public record ScreenshotState(long id, long ownerUserId, ScreenshotStatus status, String objectKey, long sizeBytes) {
    }

    /** What the database gave a new article. */
    public record Inserted(long articleId, Instant createdAt, Instant updatedAt) {
    }

    private ArticleRepository() {
    }

    /**
     * The named screenshots that exist, locked until the transaction ends: what the caller decides
     * on stays so until it has linked them. Locked in id order, so two creates naming the same
     * screenshots queue instead of deadlocking; the one that waited reads them as the first left them.
     */
    public static Map<Long, ScreenshotState> lockScreenshots(Connection c, List<Long> ids) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select id, owner_user_id, status, object_key, size_bytes
                from screenshot where id = any (?) order by id for update""")) {
            s.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            Map<Long, ScreenshotState> found = new HashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getLong("id"), new ScreenshotState(rs.getLong("id"), rs.getLong("owner_user_id"),
                            ScreenshotStatus.valueOf(rs.getString("status")), rs.getString("object_key"),
                            rs.getLong("size_bytes")));
                }
            }
            return found;
        }
    }

    /** The columns of a new article the request does not carry, each decided by {@code CreateArticle}. */
    public record NewRow(long merchantId, ArticleStatus status, byte[] bookingReference, byte[] bookingReferenceDigest,
                         Instant nextResaleCheckAt,
                         ScreenshotStatus screenshotStatus) {
    }

    /**
     * Writes article, service product, reservation, screenshot links and external links in one
     * statement: data only, every value given. The screenshots must be locked by this transaction
     * ({@link #lockScreenshots}) and checked by the caller.
     */
    public static Inserted insert(Connection c, NewArticle a, List<MarketplaceLink> links, NewRow row)
            throws SQLException {
        try (NamedStatement s = INSERT.prepare(c)) {
            s.set("merchant", row.merchantId()).setEnum("status", row.status());
            s.setString("title", a.title().strip());
            s.setString("description", a.description() == null ? "" : a.description().strip());
            s.setString("accommodation", a.accommodationName().strip()).setString("region", a.region());
            s.set("check_in", Date.valueOf(a.checkIn())).set("check_out", Date.valueOf(a.checkOut()));
            s.set("original_price", a.originalPrice()).set("sale_price", a.salePrice());
            s.set("next_resale_check_at", Timestamp.from(row.nextResaleCheckAt()));
            s.setString("room_type", a.serviceProduct().roomType().strip()).set("guests", a.serviceProduct().guests());
            s.setString("options", a.serviceProduct().options() == null ? "{}" : Json.write(a.serviceProduct().options()));
            s.setString("platform", a.reservation().bookingPlatform()).set("reference", row.bookingReference());
            s.set("digest", row.bookingReferenceDigest());
            s.setString("guest", a.reservation().guestName().strip());
            s.setString("transfer_method", a.reservation().transferMethod());
            s.setEnum("screenshot_status", row.screenshotStatus());
            s.set("screenshots", c.createArrayOf("bigint", a.screenshotIds().toArray()));
            s.set("link_sources", c.createArrayOf("text", links.stream().map(MarketplaceLink::source).toArray()));
            s.set("link_ids", c.createArrayOf("text", links.stream().map(MarketplaceLink::externalId).toArray()));
            s.set("link_urls", c.createArrayOf("text", links.stream().map(MarketplaceLink::url).toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Inserted(rs.getLong("id"), instant(rs.getTimestamp("created_at")),
                        instant(rs.getTimestamp("updated_at")));
            }
        }
    }

    private static final NamedSql INSERT = NamedSql.parse("""
            with new_article as (
                insert into article (merchant_id, status, title, description, accommodation_name, region,
                                     check_in, check_out, original_price, sale_price, next_resale_check_at)
                values (:merchant, :status, :title, :description, :accommodation, :region,
                        :check_in, :check_out, :original_price, :sale_price, :next_resale_check_at)
                returning id, created_at, updated_at),
            new_product as (
                insert into service_product (article_id, room_type, guests, options)
                select id, :room_type, :guests, :options::jsonb from new_article),
            new_reservation as (
                insert into reservation (article_id, booking_platform, booking_reference_encrypted,
                                         booking_reference_digest, guest_name, transfer_method)
                select id, :platform, :reference, :digest, :guest, :transfer_method from new_article
                returning id),
            linked as (
                update screenshot s set reservation_id = r.id, status = :screenshot_status
                from new_reservation r where s.id = any (:screenshots)),
            new_links as (
                insert into external_link (article_id, source, external_id, url)
                select a.id, l.source, l.external_id, l.url
                from new_article a,
                     unnest(:link_sources::text[], :link_ids::text[], :link_urls::text[]) as l(source, external_id, url))
            select id, created_at, updated_at from new_article""");

    /** Raw article row plus what decides who may see the booking: the owner, and a buyer whose order has it. */
    public record Row(ArticleDetail detail, byte[] bookingReference, String ownerSubject, boolean callerHasBooking,
                      boolean sellerSuspended) {

        /**
         * A withdrawn or taken-down article is gone for everyone but its seller (and staff); so is
         * every article of a suspended seller, but for a buyer who was given its booking.
         */
        public boolean visibleTo(Caller caller) {
            boolean hidden = detail.status().outOfCatalogue() || (sellerSuspended && !callerHasBooking);
            return !hidden || ownedBy(caller) || caller.isAdmin();
        }

        public boolean ownedBy(Caller caller) {
            return ownerSubject.equals(caller.subject());
        }
    }

    /**
     * Takes every article on sale whose check-in is {@code lastClosed} or earlier out of the
     * catalogue: its stay begins too soon to sell it (the day is decided by {@code OrderPolicy}).
     */
    public static int expireCheckInsUpTo(Connection c, LocalDate lastClosed) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                update article set status = 'EXPIRED', version = version + 1
                where status = 'ON_SALE' and check_in <= ?""")) {
            s.setObject(1, lastClosed);
            return s.executeUpdate();
        }
    }

    public static Optional<Row> find(Connection c, long id, String callerSubject) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select a.id, a.status, a.version, a.title, a.description, a.accommodation_name, a.region,
                       a.check_in, a.check_out, a.original_price, a.sale_price, m.id as merchant_id, m.merchant_name,
                       p.room_type, p.guests, p.options::text as options,
                       r.booking_platform, r.guest_name, r.transfer_method, r.booking_reference_encrypted,
                       (select coalesce(array_agg(sc.id order by sc.id), '{}') from screenshot sc
                        where sc.reservation_id = r.id) as screenshot_ids,
                       (select coalesce(json_agg(json_build_object('source', l.source, 'externalId', l.external_id,
                                                                   'url', l.url) order by l.id), '[]')
                        from external_link l where l.article_id = a.id)::text as links,
                       a.created_at, a.updated_at, u.external_subject as owner_subject,
                       m.suspended_at is not null as seller_suspended,
                       exists (select 1 from orders o join app_user b on b.id = o.buyer_user_id
                               where o.article_id = a.id and o.status = any(?) and b.external_subject = ?)
                           as caller_has_booking
                from article a
                join merchant m on m.id = a.merchant_id
                join app_user u on u.id = m.user_id
                join service_product p on p.article_id = a.id
                join reservation r on r.article_id = a.id
                where a.id = ?""")) {
            s.setArray(1, c.createArrayOf("text", OrderStatus.namesWhereBuyerSeesBooking()));
            s.setString(2, callerSubject);
            s.setLong(3, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<Long> screenshots = new ArrayList<>();
                Array array = rs.getArray("screenshot_ids");
                for (Object o : (Object[]) array.getArray()) {
                    screenshots.add(((Number) o).longValue());
                }
                List<ArticleDetail.Link> links = new ArrayList<>();
                for (JsonNode l : json(rs.getString("links"))) {
                    links.add(new ArticleDetail.Link(l.get("source").asText(), l.get("externalId").asText(),
                            l.get("url").asText()));
                }
                ArticleDetail detail = new ArticleDetail(rs.getLong("id"), ArticleStatus.valueOf(rs.getString("status")), rs.getInt("version"),
                        rs.getString("title"), rs.getString("description"), rs.getString("accommodation_name"),
                        rs.getString("region"), rs.getDate("check_in").toLocalDate(), rs.getDate("check_out").toLocalDate(),
                        rs.getLong("original_price"), rs.getLong("sale_price"),
                        new ArticleDetail.Seller(rs.getLong("merchant_id"), rs.getString("merchant_name")),
                        new ArticleDetail.Product(rs.getString("room_type"), rs.getInt("guests"), json(rs.getString("options"))),
                        new ArticleDetail.Booking(rs.getString("booking_platform"), rs.getString("guest_name"),
                                rs.getString("transfer_method"), null),
                        List.copyOf(screenshots), List.copyOf(links), instant(rs.getTimestamp("created_at")),
                        instant(rs.getTimestamp("updated_at")), List.of(), false);
                return Optional.of(new Row(detail, rs.getBytes("booking_reference_encrypted"), rs.getString("owner_subject"),
                        rs.getBoolean("caller_has_booking"), rs.getBoolean("seller_suspended")));
            }
        }
    }

    /** Who owns article {@code id}, its status, version and original price: to explain a refused change. */
    public record State(String ownerSubject, ArticleStatus status, int version, long originalPrice) {
    }

    public static Optional<State> state(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select u.external_subject, a.status, a.version, a.original_price
                from article a join merchant m on m.id = a.merchant_id join app_user u on u.id = m.user_id
                where a.id = ?""")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next()
                        ? Optional.of(new State(rs.getString("external_subject"), ArticleStatus.valueOf(rs.getString("status")),
                                rs.getInt("version"), rs.getLong("original_price")))
                        : Optional.empty();
            }
        }
    }

    /** A change applied: the sale price before and after it. */
    public record Patched(long previousPrice, long salePrice) {

        /** The price went down: the article's watchers hear of it. */
        public boolean priceDropped() {
            return salePrice < previousPrice;
        }
    }

    /**
     * Applies a change only if the caller owns the article, it is on sale, the version is the one
     * the caller read, and the new price stays at or below cost. Empty when it did not apply.
     */
    public static Optional<Patched> patch(Connection c, long id, String ownerSubject, ArticlePatch p) throws SQLException {
        try (NamedStatement s = PATCH.prepare(c)) {
            s.setString("title", p.title() == null ? null : p.title().strip());
            s.setString("description", p.description() == null ? null : p.description().strip());
            s.set("salePrice", p.salePrice());
            s.set("id", id).setString("owner", ownerSubject).set("version", p.version());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Patched(rs.getLong("previous_price"), rs.getLong("sale_price")))
                        : Optional.empty();
            }
        }
    }

    // "before" reads the row it locks, so its price is the one this update replaces (RETURNING shows the new row only)
    private static final NamedSql PATCH = NamedSql.parse("""
            update article a
            set title = coalesce(:title, a.title), description = coalesce(:description, a.description),
                sale_price = coalesce(:salePrice::bigint, a.sale_price), version = a.version + 1
            from merchant m join app_user u on u.id = m.user_id,
                 (select id, sale_price from article where id = :id for update) before
            where a.id = :id and before.id = a.id and m.id = a.merchant_id and u.external_subject = :owner
              and a.status = 'ON_SALE' and a.version = :version
              and coalesce(:salePrice::bigint, a.sale_price) <= a.original_price
            returning before.sale_price as previous_price, a.sale_price""");

    /** On sale → withdrawn, for the owner only. Returns whether it applied. */
    public static boolean withdraw(Connection c, long id, String ownerSubject) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                update article a set status = 'WITHDRAWN', version = a.version + 1
                from merchant m join app_user u on u.id = m.user_id
                where a.id = ? and m.id = a.merchant_id and u.external_subject = ? and a.status = 'ON_SALE'""")) {
            s.setLong(1, id);
            s.setString(2, ownerSubject);
            return s.executeUpdate() == 1;
        }
    }

    /** The seller told of a staff decision about their article, and what they are told it is called. */
    public record Moderated(long sellerUserId, String title) {
    }

    /** {@code from} → {@code to} by staff (taken down, restored); empty when the article was not {@code from}. */
    public static Optional<Moderated> moderate(Connection c, long id, ArticleStatus from, ArticleStatus to)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                update article a set status = ?, version = a.version + 1
                from merchant m
                where a.id = ? and m.id = a.merchant_id and a.status = ?
                returning m.user_id, a.title""")) {
            s.setString(1, to.name());
            s.setLong(2, id);
            s.setString(3, from.name());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Moderated(rs.getLong("user_id"), rs.getString("title"))) : Optional.empty();
            }
        }
    }

    /**
     * What {@code q} is matched in: the expression of {@code article_search_trgm_idx} (V18), written
     * the same, or the planner would not use the index.
     */
    static final String SEARCH_TEXT = "(a.title || ' ' || a.accommodation_name || ' ' || a.region)";

    /** The shortest word the trigram index can look up: it needs one whole trigram inside the word. */
    private static final int TRIGRAM = 3;

    /** The columns of an {@link ArticleSummary}, from {@code a} (article), {@code m} (merchant) and {@code p} (product). */
    private static final String SUMMARY_COLUMNS = """
            select a.id, a.status, a.title, a.accommodation_name, a.region, a.check_in, a.check_out, p.guests,
                   a.original_price, a.sale_price, m.merchant_name, a.created_at
            """;

    private static final String SUMMARY_JOINS = " join merchant m on m.id = a.merchant_id"
            + " join service_product p on p.article_id = a.id\n";

    /**
     * One page of {@code GET /articles}, of {@code onlyOwner}'s articles when not null; fetches one row
     * more than asked to know whether there is a next page. Articles on sale are listed only when
     * their check-in is after {@code lastClosed}: a stay about to begin can no longer be held, even
     * before the maintenance schedule marks it expired.
     *
     * <p>The statement holds only the conditions asked for, so each combination is planned for
     * what it filters on. The page is chosen from {@code article} alone (the seller's standing and
     * the room's guests as semi-joins), and only its rows are joined to their merchant and product:
     * a common word matches thousands of articles, and joining each before the sort cost more than
     * finding them. The status is written as a literal (an enum's name, never the caller's
     * text): the partial trigram index covers articles on sale only, and a generic plan may use it
     * only when the statement itself says {@code status = 'ON_SALE'}.
     */
    public static List<ArticleSummary> search(Connection c, ArticleQuery q, String onlyOwner, boolean withSuspended,
                                              LocalDate lastClosed) throws SQLException {
        SearchStatement search = searchStatement(q, onlyOwner, withSuspended, lastClosed);
        try (NamedStatement s = NamedSql.parse(search.sql()).prepare(c)) {
            for (var value : search.values().entrySet()) {
                s.set(value.getKey(), value.getValue());
            }
            return summaries(s);
        }
    }

    /** The text of a search, with named parameters, and their values: what {@link #search} runs. */
    record SearchStatement(String sql, Map<String, Object> values) {
    }

    static SearchStatement searchStatement(ArticleQuery q, String onlyOwner, boolean withSuspended, LocalDate lastClosed) {
        StringBuilder sql = new StringBuilder(SUMMARY_COLUMNS).append("""
                from (select a.id, a.merchant_id, a.status, a.title, a.accommodation_name, a.region, a.check_in,
                             a.check_out, a.original_price, a.sale_price, a.created_at
                      from article a
                      where a.status = '""").append(q.status().name()).append('\'');
        Map<String, Object> values = new LinkedHashMap<>();
        if (q.status() == ArticleStatus.ON_SALE) {
            sql.append(" and a.check_in > :lastClosed");
            values.put("lastClosed", lastClosed);
        }
        if (onlyOwner != null) {
            sql.append(" and a.merchant_id = (select m.id from merchant m join app_user u on u.id = m.user_id"
                    + " where u.external_subject = :owner)");
            values.put("owner", onlyOwner);
        }
        if (!withSuspended) {
            sql.append(" and a.merchant_id not in (select id from merchant where suspended_at is not null)");
        }
        for (int i = 0; i < q.words().size(); i++) {
            String word = q.words().get(i);
            if (word.codePointCount(0, word.length()) >= TRIGRAM) {
                sql.append(" and ").append(SEARCH_TEXT).append(" ilike :word").append(i);
                values.put("word" + i, "%" + likeEscaped(word) + "%");
            } else {
                // a shorter word has no trigram: through the index it would read every entry and
                // recheck every article on sale, so it is said in a form the index does not match
                sql.append(" and strpos(lower(").append(SEARCH_TEXT).append("), lower(:word").append(i).append(")) > 0");
                values.put("word" + i, word);
            }
        }
        if (q.region() != null) {
            sql.append(" and a.region = :region");
            values.put("region", q.region());
        }
        if (q.checkInFrom() != null) {
            sql.append(" and a.check_in >= :checkInFrom");
            values.put("checkInFrom", q.checkInFrom());
        }
        if (q.checkInTo() != null) {
            sql.append(" and a.check_in <= :checkInTo");
            values.put("checkInTo", q.checkInTo());
        }
        if (q.stayFrom() != null) {
            sql.append(" and a.check_out > :stayFrom and a.check_in >= :earliestCheckIn");
            values.put("stayFrom", q.stayFrom());
            values.put("earliestCheckIn", q.earliestOverlappingCheckIn());
        }
        if (q.stayTo() != null) {
            sql.append(" and a.check_in < :stayTo");
            values.put("stayTo", q.stayTo());
        }
        if (q.guests() != null) {
            sql.append(" and exists (select from service_product p where p.article_id = a.id and p.guests >= :guests)");
            values.put("guests", q.guests());
        }
        if (q.minPrice() != null) {
            sql.append(" and a.sale_price >= :minPrice");
            values.put("minPrice", q.minPrice());
        }
        if (q.maxPrice() != null) {
            sql.append(" and a.sale_price <= :maxPrice");
            values.put("maxPrice", q.maxPrice());
        }
        if (q.after() != null) {
            switch (q.sort()) {
                case CHECK_IN -> {
                    sql.append(" and (a.check_in, a.id) > (:afterCheckIn, :afterId)");
                    values.put("afterCheckIn", q.after().checkIn());
                }
                case NEWEST -> {
                    sql.append(" and (a.created_at, a.id) < (:afterCreatedAt, :afterId)");
                    values.put("afterCreatedAt", Timestamp.from(q.after().createdAt()));
                }
                case PRICE -> {
                    sql.append(" and (a.sale_price, a.id) > (:afterPrice, :afterId)");
                    values.put("afterPrice", q.after().salePrice());
                }
            }
            values.put("afterId", q.after().id());
        }
        String order = switch (q.sort()) {
            case CHECK_IN -> " order by a.check_in, a.id";
            case NEWEST -> " order by a.created_at desc, a.id desc";
            case PRICE -> " order by a.sale_price, a.id";
        };
        // the limit as a literal too: in a generic plan a parameter's limit is unknown, and the planner
        // then chose to find every match and sort it where walking the sort's index stops after a page
        sql.append(order).append(" limit ").append(q.limit() + 1).append(") a");
        sql.append(SUMMARY_JOINS).append(order);
        return new SearchStatement(sql.toString(), values);
    }

    /**
     * One page of {@code owner}'s own articles in {@code status} (every one when null), newest first
     * after {@code after}: whatever their state, and whether or not the merchant is suspended.
     */
    public static List<ArticleSummary> ownPage(Connection c, String owner, ArticleStatus status,
                                               PageRequest.Keyset after, int limit) throws SQLException {
        try (NamedStatement s = OWN_PAGE.prepare(c)) {
            s.setString("owner", owner).setEnum("status", status);
            s.set("afterTime", after == null ? null : Timestamp.from(after.time()));
            s.set("afterId", after == null ? 0 : after.id());
            s.set("limit", limit);
            return summaries(s);
        }
    }

    private static final NamedSql OWN_PAGE = NamedSql.parse(SUMMARY_COLUMNS + "from article a" + SUMMARY_JOINS + """
            where m.user_id = (select id from app_user where external_subject = :owner)
              and (:status::text is null or a.status = :status)
              and (:afterTime::timestamptz is null or (a.created_at, a.id) < (:afterTime::timestamptz, :afterId))
            order by a.created_at desc, a.id desc
            limit :limit""");

    private static List<ArticleSummary> summaries(NamedStatement s) throws SQLException {
        List<ArticleSummary> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rows.add(new ArticleSummary(rs.getLong("id"), ArticleStatus.valueOf(rs.getString("status")),
                        rs.getString("title"), rs.getString("accommodation_name"), rs.getString("region"),
                        rs.getDate("check_in").toLocalDate(), rs.getDate("check_out").toLocalDate(),
                        rs.getInt("guests"), rs.getLong("original_price"), rs.getLong("sale_price"),
                        rs.getString("merchant_name"), instant(rs.getTimestamp("created_at"))));
            }
        }
        return rows;
    }

    /** One page of staff's article search, newest first below {@code beforeId}, one row more than shown. */
    public static List<StaffArticles.Line> staffPage(Connection c, StaffArticles.Filter f, long beforeId, int limit)
            throws SQLException {
        try (NamedStatement s = STAFF_PAGE.prepare(c)) {
            s.setEnum("status", f.status()).set("merchantId", f.merchantId())
                    .setString("like", f.text() == null ? null : "%" + likeEscaped(f.text()) + "%")
                    .set("beforeId", beforeId).set("limit", limit);
            List<StaffArticles.Line> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new StaffArticles.Line(rs.getLong("id"), rs.getLong("merchant_id"),
                            rs.getString("merchant_name"), rs.getString("title"), rs.getString("accommodation_name"),
                            rs.getString("region"), rs.getDate("check_in").toLocalDate(),
                            rs.getDate("check_out").toLocalDate(), rs.getLong("original_price"),
                            rs.getLong("sale_price"), ArticleStatus.valueOf(rs.getString("status")),
                            instant(rs.getTimestamp("created_at"))));
                }
            }
            return rows;
        }
    }

    private static final NamedSql STAFF_PAGE = NamedSql.parse("""
            select a.id, a.merchant_id, m.merchant_name, a.title, a.accommodation_name, a.region, a.check_in,
                   a.check_out, a.original_price, a.sale_price, a.status, a.created_at
            from article a join merchant m on m.id = a.merchant_id
            where (:status::text is null or a.status = :status)
              and (:merchantId::bigint is null or a.merchant_id = :merchantId)
              and (:like::text is null or a.title ilike :like or a.accommodation_name ilike :like)
              and a.id < :beforeId
            order by a.id desc
            limit :limit""");

    /**
     * The crawled listings that may be article {@code id} posted elsewhere: those its seller linked,
     * and the {@code guesses} most recently seen since {@code seenSince} whose title holds its place's
     * name; each says whether this article, or another, links it. {@link CrossPosts} decides which are
     * the same booking. The window keeps the title scan to recent listings, not the crawl's history.
     */
    public static List<CrossPosts.Candidate> crossPostCandidates(Connection c, long id, Instant seenSince, int guesses)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                with a as (select id, lower(accommodation_name) as place from article where id = ?),
                hits as (
                    select l.id from a
                    join external_link e on e.article_id = a.id
                    join crawled_listing l on l.source = e.source and l.external_id = e.external_id
                    union
                    (select l.id from a join crawled_listing l
                       on l.last_seen_at >= ? and strpos(lower(l.title), a.place) > 0
                     order by l.last_seen_at desc, l.id desc
                     limit ?))
                select l.id, l.source, l.external_id, l.url, l.title, l.price, l.sale_status, l.last_seen_at,
                       exists (select 1 from external_link e where e.source = l.source and e.external_id = l.external_id
                                 and e.article_id = a.id) as linked_here,
                       exists (select 1 from external_link e where e.source = l.source and e.external_id = l.external_id
                                 and e.article_id <> a.id) as linked_elsewhere
                from hits h join crawled_listing l on l.id = h.id cross join a
                order by l.id""")) {
            s.setLong(1, id);
            s.setTimestamp(2, Timestamp.from(seenSince));
            s.setInt(3, guesses);
            List<CrossPosts.Candidate> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new CrossPosts.Candidate(rs.getLong("id"), new AlsoListed(rs.getString("source"), rs.getString("external_id"),
                            rs.getString("url"), rs.getString("title"), rs.getLong("price"),
                            SaleStatus.valueOf(rs.getString("sale_status")), instant(rs.getTimestamp("last_seen_at")), null),
                            rs.getBoolean("linked_here"), rs.getBoolean("linked_elsewhere")));
                }
            }
            return out;
        }
    }

    /** {@code text} matched literally by ILIKE: its own %, _ and \\ are not wildcards. */
    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Instant instant(Timestamp t) {
        return t.toInstant();
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the database returned malformed JSON", e);
        }
    }

    /** A reservation's sealed booking reference, with the seller it is bound to. */
    public record SealedReference(long reservationId, String sellerSubject, byte[] sealed) {
    }

    /** Booking references not sealed in {@code layout} under key {@code keyId}: what a key rotation rewrites. */
    public static List<SealedReference> referencesNotUnder(Connection c, int layout, int keyId, int limit)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select r.id, u.external_subject, r.booking_reference_encrypted
                from reservation r join article a on a.id = r.article_id
                join merchant m on m.id = a.merchant_id join app_user u on u.id = m.user_id
                where get_byte(r.booking_reference_encrypted, 0) <> ? or get_byte(r.booking_reference_encrypted, 1) <> ?
                order by r.id limit ?""")) {
            s.setInt(1, layout);
            s.setInt(2, keyId);
            s.setInt(3, limit);
            List<SealedReference> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(new SealedReference(rs.getLong("id"), rs.getString("external_subject"),
                            rs.getBytes("booking_reference_encrypted")));
                }
            }
            return found;
        }
    }

    /** Replaces a sealed booking reference, unless it changed since it was read. */
    public static boolean resealReference(Connection c, long reservationId, byte[] was, byte[] now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "update reservation set booking_reference_encrypted = ? where id = ? and booking_reference_encrypted = ?")) {
            s.setBytes(1, now);
            s.setLong(2, reservationId);
            s.setBytes(3, was);
            return s.executeUpdate() == 1;
        }
    }
}
