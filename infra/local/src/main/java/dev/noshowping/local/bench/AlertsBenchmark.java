package dev.noshowping.local.bench;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.noshowping.db.Database;
import dev.noshowping.local.LocalStack;
import dev.noshowping.outbox.OutboxPublisher;
import dev.noshowping.testkit.Marketplace;
import dev.noshowping.testkit.Rows;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * {@code ./bench.sh alerts}: S saved searches (10 000, ten per user, every user with a verified
 * phone) against a crawl run that stored L listings first (5 000; a twentieth of them already sold,
 * plus a thousand listings of an earlier run that must not match) and A new articles (500), all
 * drawn from one vocabulary of Korean places and accommodations with a fixed seed.
 *
 * <p>What production does, through the local stack: every article and the run's summary are
 * outbox rows, published to the notifications queue and consumed by the AlimtalkFunction, which
 * matches them (phase 1); one MaintenanceFunction run then writes each owner's message and the
 * consumer sends them to the SOLAPI emulator (phase 2). Then every one of those outbox rows is
 * delivered again and the maintenance run repeated, as a redelivering queue would.
 *
 * <p>Prints matches recorded, the same count by brute force in Java over the generated data (every
 * search against every item, the rules written again from docs/architecture.md; they must be
 * equal), alimtalks sent (one per search that matched anything: all its matches fall in one
 * window), duplicates (goal 0), wall times and CPU per match and per alimtalk. A program, not a
 * test: it asserts nothing, it prints.
 */
public final class AlertsBenchmark {

    private static final String[] PLACES = {"제주", "서귀포", "애월", "성산", "부산", "해운대", "광안리", "기장", "강릉", "속초",
        "양양", "평창", "여수", "순천", "경주", "포항", "서울", "강남", "명동", "인천", "가평", "남해", "거제", "통영", "전주",
        "대전", "대구", "울산", "춘천", "태안"};
    private static final String[] STAYS = {"신라호텔", "롯데호텔", "그랜드하얏트", "파라다이스", "시그니엘", "조선호텔", "켄싱턴",
        "한화리조트", "소노캄", "메리어트", "힐튼", "노보텔", "이비스", "오션뷰", "풀빌라", "글램핑", "한옥스테이", "펜션",
        "스위트", "디럭스", "패밀리룸", "스탠다드", "트윈룸", "온돌방", "독채", "게스트하우스", "호스텔", "부티크", "레지던스",
        "콘도", "캠핑카", "카라반", "료칸", "스파", "코티지", "로지", "인피니티풀", "키즈룸", "테라스", "복층"};
    private static final String[] EXTRAS = {"양도", "급처", "조식포함", "주말", "연박", "할인", "특가", "네고가능"};
    private static final String[] REGIONS = {"JEJU", "BUSAN", "GANGWON", "SEOUL", "JEOLLA", "GYEONGBUK"};

    private AlertsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = new BenchOptions("./bench.sh alerts")
                .option("-s", "searches", 10_000, 1)
                .option("-l", "listings", 5_000, 1)
                .option("-a", "articles", 500, 1)
                .parse(args);
        BenchStack.run("alerts", (stack, dir) -> run(stack, dir, options.get("-s"), options.get("-l"), options.get("-a")));
    }

    /** A search as generated: the criteria the brute force checks. */
    record Search(long userIndex, List<String> words, String region, LocalDate checkInFrom, LocalDate checkInTo,
                  LocalDate stayFrom, LocalDate stayTo, Integer guests, Long minPrice, Long maxPrice) {
    }

    /** An item as generated: a listing has only a title and a price. */
    record Item(boolean article, String key, String text, long price, String region, LocalDate checkIn, LocalDate checkOut,
                int guests, boolean matchable) {
    }

    private static void run(LocalStack stack, Path dir, int searchCount, int listingCount, int articleCount) throws Exception {
        System.out.printf("alerts: %d saved searches (%d users) against a crawl run of %d new listings and %d new articles%n",
                searchCount, (searchCount + 9) / 10, listingCount, articleCount);
        Random random = new Random(21);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Seoul"));
        List<Search> searches = new ArrayList<>();
        for (int i = 0; i < searchCount; i++) {
            searches.add(search(random, i / 10, today));
        }
        List<Item> articles = new ArrayList<>();
        List<String[]> articleFields = new ArrayList<>();   // title, accommodation, region, as stored
        for (int i = 0; i < articleCount; i++) {
            String[] fields = {pick(random, PLACES) + " " + pick(random, EXTRAS) + " " + i, pick(random, STAYS),
                pick(random, REGIONS)};
            articleFields.add(fields);
            LocalDate in = today.plusDays(3 + random.nextInt(60));
            articles.add(new Item(true, "a-" + i, String.join(" ", fields), 30_000 + random.nextInt(38) * 10_000L,
                    fields[2], in, in.plusDays(1 + random.nextInt(3)), 1 + random.nextInt(4), true));
        }
        List<Item> listings = new ArrayList<>();
        for (int i = 0; i < listingCount + 1_000; i++) {
            boolean earlier = i >= listingCount;
            boolean sold = !earlier && i % 20 == 0;
            listings.add(new Item(false, "bench-" + i, "[" + pick(random, EXTRAS) + "] " + pick(random, PLACES) + " "
                    + pick(random, STAYS) + " " + (1 + random.nextInt(3)) + "박 " + i, 30_000 + random.nextInt(38) * 10_000L,
                    null, null, null, 0, !earlier && !sold));
        }

        long setupStart = System.nanoTime();
        long template = Marketplace.articleOnSale("bench-alerts-seller", 100_000);
        List<Long> searchIds;
        long run;
        try (Connection c = Database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            // the template's own article leaves the catalogue: its article.published must match nothing
            c.createStatement().executeUpdate("update article set status = 'WITHDRAWN' where id = " + template);
            searchIds = insertSearches(c, searches);
            insertArticles(c, template, articles, articleFields);
            run = insertListings(c, listings, listingCount);
            c.commit();
            c.setAutoCommit(true);
            c.createStatement().execute("vacuum analyze");
        }
        System.out.printf("set-up             %d searches, %d articles, %d listings (%d new in run %d) in %.1f s%n",
                searchIds.size(), articles.size(), listings.size(), listingCount, run, (System.nanoTime() - setupStart) / 1e9);

        long bruteStart = System.nanoTime();
        Set<String> expected = bruteForce(searches, searchIds, articles, listings);
        double bruteSeconds = (System.nanoTime() - bruteStart) / 1e9;

        Cpu cpu = new Cpu(dir.resolve("pg"));
        OutboxPublisher publisher = OutboxPublisher.current().orElseThrow();
        int sourceRows = (int) count("select count(*) from outbox");
        Cpu.Sample before = cpu.sample();
        long start = System.nanoTime();
        publishAll(publisher);
        // matching runs before delivery: once every source row's notifications are done, so is matching
        // an article tells its seller and operations, a run's summary operations only
        awaitFinished(count("select 2 * count(*) - count(*) filter (where topic = 'crawl.run_finished') from outbox"));
        long matchedAt = System.nanoTime();
        Cpu.Sample afterMatching = cpu.sample();
        long matches = count("select count(*) from saved_search_match");

        long finishedBefore = count("select count(*) from notification");
        long tellStart = System.nanoTime();
        Object summary = stack.host().invoke("MaintenanceFunction", "schedule", "", scheduled(), String::valueOf);
        publishAll(publisher);
        long alertRows = count("select count(*) from outbox where topic = 'saved_search.matched'");
        awaitFinished(finishedBefore + alertRows);
        long toldAt = System.nanoTime();
        Cpu.Sample afterTelling = cpu.sample();
        long alimtalks = stack.solapi().messages().stream().filter(m -> m.templateId().startsWith("NSP_SAVED_SEARCH")).count();

        // the queue delivers every source message again, and the maintenance run comes round again
        Rows.execute(Database.dataSource(), "update outbox set published_at = null where topic <> 'saved_search.matched'");
        publishAll(publisher);
        awaitRedelivered(stack);
        stack.host().invoke("MaintenanceFunction", "schedule", "", scheduled(), String::valueOf);
        publishAll(publisher);
        long againRows = count("select count(*) from outbox where topic = 'saved_search.matched'") - alertRows;
        long matchesAfter = count("select count(*) from saved_search_match");
        long alimtalksAfter = stack.solapi().messages().stream().filter(m -> m.templateId().startsWith("NSP_SAVED_SEARCH")).count();

        // the statements alone, once more over the same items (every match already recorded: the work without the inserts)
        var matcher = new dev.noshowping.savedsearch.MatchSavedSearches(Database::dataSource);
        long runStatement = System.nanoTime();
        matcher.matchRun(run);
        double runSeconds = (System.nanoTime() - runStatement) / 1e9;
        List<Long> articleIds = Rows.of(Database.dataSource(), "select id from article where status = 'ON_SALE'").stream()
                .map(r -> ((Number) r.get("id")).longValue()).toList();
        long oneStatement = System.nanoTime();
        for (long id : articleIds) {
            matcher.matchArticles(List.of(id));
        }
        double perArticleMs = (System.nanoTime() - oneStatement) / 1e6 / Math.max(1, articleIds.size());

        Set<String> found = new HashSet<>();
        for (var row : Rows.of(Database.dataSource(), """
                select m.saved_search_id, m.item_kind, coalesce(l.external_id, 'a-' || substring(a.title from ' ([0-9]+)$')) as item
                from saved_search_match m
                left join crawled_listing l on m.item_kind = 'LISTING' and l.id = m.item_id
                left join article a on m.item_kind = 'ARTICLE' and a.id = m.item_id""")) {
            found.add(row.get("saved_search_id") + " " + row.get("item"));
        }
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(found);
        Set<String> extra = new HashSet<>(found);
        extra.removeAll(expected);
        long searchesMatched = expected.stream().map(k -> k.substring(0, k.indexOf(' '))).distinct().count();
        double matchSeconds = (matchedAt - start) / 1e9;
        double tellSeconds = (toldAt - tellStart) / 1e9;
        double[] perMatch = Cpu.perOperation(before, afterMatching, (int) Math.max(1, matches));
        double[] perAlimtalk = Cpu.perOperation(afterMatching, afterTelling, (int) Math.max(1, alimtalks));

        System.out.printf("matches            %d recorded (%d listing, %d article) from %d outbox rows%n", matches,
                count("select count(*) from saved_search_match where item_kind = 'LISTING'"),
                count("select count(*) from saved_search_match where item_kind = 'ARTICLE'"), sourceRows);
        System.out.printf("brute force        %d (every search × every item in Java, %.2f s); %s%n", expected.size(), bruteSeconds,
                missing.isEmpty() && extra.isEmpty() ? "the same pairs" : "DIFFERENT: " + missing.size() + " missing, "
                        + extra.size() + " extra, e.g. " + missing.stream().limit(3).toList() + " " + extra.stream().limit(3).toList());
        System.out.printf("matching           %.2f s wall (publish → every article and the run consumed and matched)%n", matchSeconds);
        System.out.printf("statements again   the run's listings × %d searches %.2f s (%d statements of 500); one article × %d searches %.1f ms%n",
                searchCount, runSeconds, (listingCount + 499) / 500, searchCount, perArticleMs);
        System.out.printf("CPU per match      JVM %.3f ms, PostgreSQL %.3f ms (phase 1, delivery of the sources' own notifications included)%n",
                perMatch[0], perMatch[1]);
        System.out.printf("maintenance run    %s%n", summary);
        System.out.printf("alimtalks sent     %d to SOLAPI (%d outbox messages; searches that matched: %d; digests %d)%n",
                alimtalks, alertRows, searchesMatched,
                stack.solapi().messages().stream().filter(m -> m.templateId().equals("NSP_SAVED_SEARCH_DIGEST")).count());
        System.out.printf("telling            %.2f s wall (maintenance run → last alimtalk recorded); CPU per alimtalk JVM %.2f ms, PostgreSQL %.2f ms%n",
                tellSeconds, perAlimtalk[0], perAlimtalk[1]);
        System.out.printf("redelivered        %d source rows again: %d new matches, %d new messages, %d more alimtalks%n",
                sourceRows, matchesAfter - matches, againRows, alimtalksAfter - alimtalks);
        long duplicates = (matchesAfter - matches) + (alimtalksAfter - alimtalks) + (alimtalks - alertRows);
        System.out.printf("duplicates         %d   (goal 0: matches or alimtalks beyond one per search and item)%n", duplicates);
        System.out.printf("verdict            %s%n", missing.isEmpty() && extra.isEmpty() && duplicates == 0
                && alimtalks == searchesMatched ? "goals met" : "GOALS MISSED");
    }

    private static Search search(Random random, int user, LocalDate today) {
        int kind = random.nextInt(100);
        List<String> words = kind < 60 ? List.of(pick(random, PLACES), pick(random, STAYS))
                : kind < 75 ? List.of(random.nextBoolean() ? pick(random, PLACES) : pick(random, STAYS)) : List.of();
        // what a buyer saves: words, or a region with dates or a budget; one word comes with a budget
        String region = words.isEmpty() || random.nextInt(100) < 10 ? pick(random, REGIONS) : null;
        LocalDate stayFrom = null;
        LocalDate stayTo = null;
        if (random.nextInt(100) < (words.isEmpty() ? 60 : 20)) {
            stayFrom = today.plusDays(random.nextInt(60));
            stayTo = stayFrom.plusDays(1 + random.nextInt(7));
        }
        LocalDate checkInFrom = null;
        LocalDate checkInTo = null;
        if (random.nextInt(100) < 10) {
            checkInFrom = today.plusDays(random.nextInt(30));
            checkInTo = checkInFrom.plusDays(random.nextInt(30));
        }
        Integer guests = random.nextInt(100) < 10 ? 1 + random.nextInt(4) : null;
        Long minPrice = random.nextInt(100) < 10 ? 30_000 + random.nextInt(10) * 10_000L : null;
        Long maxPrice = words.size() == 1 || random.nextInt(100) < 50 ? 150_000 + random.nextInt(25) * 10_000L : null;
        return new Search(user, words, region, checkInFrom, checkInTo, stayFrom, stayTo, guests, minPrice, maxPrice);
    }

    /** The rules of docs/architecture.md, "Saved searches", written again, over what was generated. */
    private static Set<String> bruteForce(List<Search> searches, List<Long> ids, List<Item> articles, List<Item> listings) {
        Set<String> pairs = new HashSet<>();
        List<Item> items = new ArrayList<>(articles);
        items.addAll(listings);
        for (int i = 0; i < searches.size(); i++) {
            Search s = searches.get(i);
            for (Item item : items) {
                if (!item.matchable() || (!item.article() && s.words().isEmpty())) {
                    continue;
                }
                String text = item.text().toLowerCase(Locale.ROOT);
                boolean ok = s.words().stream().allMatch(w -> text.contains(w.toLowerCase(Locale.ROOT)))
                        && (s.minPrice() == null || item.price() >= s.minPrice())
                        && (s.maxPrice() == null || item.price() <= s.maxPrice());
                if (ok && item.article()) {
                    ok = (s.region() == null || s.region().equals(item.region()))
                            && (s.checkInFrom() == null || !item.checkIn().isBefore(s.checkInFrom()))
                            && (s.checkInTo() == null || !item.checkIn().isAfter(s.checkInTo()))
                            && (s.stayFrom() == null || item.checkOut().isAfter(s.stayFrom()))
                            && (s.stayTo() == null || item.checkIn().isBefore(s.stayTo()))
                            && (s.guests() == null || item.guests() >= s.guests());
                }
                if (ok) {
                    pairs.add(ids.get(i) + " " + item.key());
                }
            }
        }
        return pairs;
    }

    private static List<Long> insertSearches(Connection c, List<Search> searches) throws Exception {
        int users = (int) searches.getLast().userIndex() + 1;
        try (PreparedStatement s = c.prepareStatement("""
                insert into app_user (external_subject, phone)
                select 'bench-alerts-' || g, '+8210' || (30000000 + g) from generate_series(0, ? - 1) g""")) {
            s.setInt(1, users);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("""
                insert into saved_search (user_id, words, region, check_in_from, check_in_to, stay_from, stay_to, guests,
                                          min_price, max_price)
                select u.id, coalesce(string_to_array(nullif(x.words, ''), ' '), '{}'), x.region, x.cif, x.cit, x.sf, x.st, x.guests, x.minp, x.maxp
                from unnest(?::int[], ?::text[], ?::text[], ?::date[], ?::date[], ?::date[], ?::date[], ?::int[], ?::bigint[],
                            ?::bigint[]) with ordinality as x(u, words, region, cif, cit, sf, st, guests, minp, maxp, n)
                join app_user u on u.external_subject = 'bench-alerts-' || x.u
                order by x.n""")) {
            s.setArray(1, array(c, "int", searches.stream().map(Search::userIndex).map(Long::intValue).toArray()));
            s.setArray(2, array(c, "text", searches.stream().map(x -> String.join(" ", x.words())).toArray()));
            s.setArray(3, array(c, "text", searches.stream().map(Search::region).toArray()));
            s.setArray(4, array(c, "date", searches.stream().map(Search::checkInFrom).toArray()));
            s.setArray(5, array(c, "date", searches.stream().map(Search::checkInTo).toArray()));
            s.setArray(6, array(c, "date", searches.stream().map(Search::stayFrom).toArray()));
            s.setArray(7, array(c, "date", searches.stream().map(Search::stayTo).toArray()));
            s.setArray(8, array(c, "int", searches.stream().map(Search::guests).toArray()));
            s.setArray(9, array(c, "bigint", searches.stream().map(Search::minPrice).toArray()));
            s.setArray(10, array(c, "bigint", searches.stream().map(Search::maxPrice).toArray()));
            s.executeUpdate();
        }
        List<Long> ids = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery("select id from saved_search order by id")) {
            while (rs.next()) {
                ids.add(rs.getLong("id"));
            }
        }
        return ids;
    }

    /** Articles of the template's seller, each with its product, reservation and article.published row, as a create writes them. */
    private static void insertArticles(Connection c, long template, List<Item> articles, List<String[]> fields) throws Exception {
        try (PreparedStatement s = c.prepareStatement("""
                with x as (
                    select * from unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::date[], ?::date[], ?::int[])
                        with ordinality as x(title, accommodation, region, price, check_in, check_out, guests, n)),
                a as (
                    insert into article (merchant_id, title, accommodation_name, region, check_in, check_out,
                                         original_price, sale_price, next_resale_check_at)
                    select t.merchant_id, x.title, x.accommodation, x.region, x.check_in, x.check_out,
                           x.price + 50000, x.price, now() + interval '24 hours'
                    from x, article t where t.id = ?
                    order by x.n
                    returning id, merchant_id, title, accommodation_name, region, check_in, check_out, sale_price,
                              original_price),
                p as (insert into service_product (article_id, room_type, guests)
                      select a.id, '스탠다드', x.guests from a join x on x.title = a.title),
                r as (insert into reservation (article_id, booking_platform, booking_reference_encrypted, guest_name,
                                               transfer_method)
                      select id, 'YANOLJA', '\\x00'::bytea, '홍길동', 'NAME_CHANGE' from a)
                insert into outbox (topic, payload)
                select 'article.published', jsonb_build_object('articleId', a.id, 'sellerUserId', m.user_id,
                       'merchantName', m.merchant_name, 'title', a.title, 'accommodationName', a.accommodation_name,
                       'region', a.region, 'checkIn', a.check_in, 'checkOut', a.check_out, 'salePrice', a.sale_price,
                       'originalPrice', a.original_price)
                from a join merchant m on m.id = a.merchant_id""")) {
            s.setArray(1, array(c, "text", fields.stream().map(f -> f[0]).toArray()));
            s.setArray(2, array(c, "text", fields.stream().map(f -> f[1]).toArray()));
            s.setArray(3, array(c, "text", fields.stream().map(f -> f[2]).toArray()));
            s.setArray(4, array(c, "bigint", articles.stream().map(Item::price).toArray()));
            s.setArray(5, array(c, "date", articles.stream().map(Item::checkIn).toArray()));
            s.setArray(6, array(c, "date", articles.stream().map(Item::checkOut).toArray()));
            s.setArray(7, array(c, "int", articles.stream().map(Item::guests).toArray()));
            s.setLong(8, template);
            s.executeUpdate();
        }
    }

    /** An earlier run that stored the last thousand listings, then run R that stored the rest first, and R's summary row. */
    private static long insertListings(Connection c, List<Item> listings, int newInRun) throws Exception {
        long keyword = Rows.number(Database.dataSource(), "select id from crawl_keyword order by id limit 1");
        long earlier = number(c, "insert into crawl_run (trigger) values ('SCHEDULE') returning id");
        long run = number(c, "insert into crawl_run (trigger) values ('SCHEDULE') returning id");
        try (PreparedStatement s = c.prepareStatement("""
                with l as (
                    insert into crawled_listing (source, external_id, title, price, url, sale_status)
                    select 'BUNJANG', x.key, x.title, x.price, 'https://m.bunjang.co.kr/products/' || x.key, x.status
                    from unnest(?::text[], ?::text[], ?::bigint[], ?::text[]) as x(key, title, price, status)
                    returning id, external_id)
                insert into listing_keyword (listing_id, keyword_id, first_run_id)
                select l.id, ?, case when substring(l.external_id from 7)::int >= ? then ? else ? end from l""")) {
            s.setArray(1, array(c, "text", listings.stream().map(Item::key).toArray()));
            s.setArray(2, array(c, "text", listings.stream().map(Item::text).toArray()));
            s.setArray(3, array(c, "bigint", listings.stream().map(Item::price).toArray()));
            List<String> statuses = new ArrayList<>();
            for (int i = 0; i < listings.size(); i++) {
                statuses.add(i < newInRun && !listings.get(i).matchable() ? "SOLD" : "SELLING");
            }
            s.setArray(4, array(c, "text", statuses.toArray()));
            s.setLong(5, keyword);
            s.setInt(6, newInRun);
            s.setLong(7, earlier);
            s.setLong(8, run);
            s.executeUpdate();
        }
        c.createStatement().executeUpdate("""
                insert into outbox (topic, payload) values ('crawl.run_finished', jsonb_build_object('runId', %d,
                    'tasks', 12, 'failedTasks', 0, 'listings', %d, 'newListings', %d, 'seconds', 300))"""
                .formatted(run, newInRun, newInRun));
        return run;
    }

    private static void publishAll(OutboxPublisher publisher) {
        while (publisher.publish(500) > 0) {
            // until the outbox is empty
        }
    }

    /** Waits (polling, 2 minutes at most) until {@code expected} notifications are recorded and none is pending. */
    private static void awaitFinished(long expected) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (count("select count(*) from notification where status <> 'PENDING'") >= expected) {
                return;
            }
            Thread.sleep(20);
        }
        System.out.println("(gave up waiting for " + expected + " notifications)");
    }

    /** Waits until the redelivered source rows are consumed: the queue is empty and nothing is in flight. */
    private static void awaitRedelivered(LocalStack stack) throws Exception {
        String queue = stack.queueUrls().get("NotificationsQueue");
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            var attributes = stack.sqs().getQueueAttributes(r -> r.queueUrl(queue).attributeNamesWithStrings(
                    "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
            if ("0".equals(attributes.get("ApproximateNumberOfMessages"))
                    && "0".equals(attributes.get("ApproximateNumberOfMessagesNotVisible"))) {
                return;
            }
            Thread.sleep(50);
        }
    }

    private static ScheduledEvent scheduled() {
        ScheduledEvent event = new ScheduledEvent();
        event.setDetailType("Scheduled Event");
        event.setSource("aws.scheduler");
        return event;
    }

    private static String pick(Random random, String[] words) {
        return words[random.nextInt(words.length)];
    }

    private static Array array(Connection c, String type, Object[] values) throws Exception {
        return c.createArrayOf(type, values);
    }

    private static long number(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long count(String sql) throws Exception {
        return Rows.number(Database.dataSource(), sql);
    }
}
