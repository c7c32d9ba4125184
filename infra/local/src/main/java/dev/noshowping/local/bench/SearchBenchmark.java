package dev.noshowping.local.bench;

import dev.noshowping.article.ArticlePage;
import dev.noshowping.article.ArticleQuery;
import dev.noshowping.article.ArticleReads;
import dev.noshowping.article.ArticleStatus;
import dev.noshowping.article.ArticleSummary;
import dev.noshowping.aws.Secrets;
import dev.noshowping.config.Environment;
import dev.noshowping.crypto.FieldCipher;
import dev.noshowping.db.Database;
import dev.noshowping.db.Transaction;
import dev.noshowping.identity.Caller;
import dev.noshowping.identity.Role;
import dev.noshowping.lambda.Lazy;
import dev.noshowping.local.LocalStack;
import dev.noshowping.order.OrderPolicy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@code ./bench.sh search [-n articles] [-s searches] [-w warmup] [-p 1|0]}: {@code GET /articles}
 * text searches over a catalogue of N articles (100 000; 4 in 5 on sale, the rest sold or expired,
 * of 1 000 merchants, titles made of Korean places, brands, kinds and rooms), through the real read
 * code ({@code ArticleQuery.parse} and {@code ArticleReads.search}: the handler's use case, without
 * HTTP or JSON) against the same query written as plain JDBC on the same pool, the two alternating
 * search by search in the same run. Three rows: words of three characters or more by check-in (the
 * trigram index), the same by price, and a two-character word (no trigram: ILIKE along the sort's
 * index). Prints p50/p90/p99 of each side, the ratios (goal ≤ 2) and, with {@code -p 1}, the plan
 * of one search of each row as EXPLAIN ANALYZE shows it.
 *
 * <p>A program, not a test: it asserts nothing about time, it prints what it measured. It does
 * check that both sides found the same articles, so the comparison is of the same work.
 */
public final class SearchBenchmark {

    private static final double GOAL_RATIO = 2.0;
    private static final int MERCHANTS = 1_000;
    private static final int LIMIT = 20;

    /** A row of the report: what is searched for, by which sort. */
    private record Row(String name, String sort, List<String> queries) {
    }

    private static final List<Row> ROWS = List.of(
            new Row("words ≥ 3 characters, sort=checkIn", "checkIn",
                    List.of("신라호텔", "해운대 풀빌라", "히든클리프", "제주 오션뷰", "속초 글램핑 패밀리", "롯데리조트",
                            "씨마크호텔 강릉", "파라다이스", "여수 펜션 스위트", "그랜드하얏트 서울")),
            new Row("words ≥ 3 characters, sort=price", "price",
                    List.of("씨마크호텔 강릉", "신라호텔", "해운대 풀빌라", "히든클리프", "제주 오션뷰", "속초 글램핑 패밀리",
                            "롯데리조트", "파라다이스", "여수 펜션 스위트", "그랜드하얏트 서울")),
            new Row("a 2-character word, sort=checkIn", "checkIn",
                    List.of("제주", "부산", "강릉", "여수", "경주", "속초", "가평", "전주")));

    private final DataSource pool;
    private final int articles;
    private final int searches;
    private final int warmup;
    private final boolean plans;
    private final ArticleReads reads;
    private final Caller buyer = new Caller("bench-search-buyer", Role.USER);
    private final OrderPolicy policy = OrderPolicy.from(Environment.current());

    private SearchBenchmark(int articles, int searches, int warmup, boolean plans) {
        this.pool = Database.dataSource(); // the pool the functions use in this JVM
        this.articles = articles;
        this.searches = searches;
        this.warmup = warmup;
        this.plans = plans;
        // what ArticleApiHandler builds; a search never asks for the cipher
        this.reads = new ArticleReads(Database::dataSource,
                Lazy.of(() -> FieldCipher.from(Environment.current(), Secrets::get)), policy, Clock.systemUTC());
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = new BenchOptions("./bench.sh search")
                .option("-n", "articles", 100_000, 1_000)
                .option("-s", "searches", 2_000, 1)
                .option("-w", "warmup", 2_000, 0)
                .option("-p", "plans", 1, 0)
                .parse(args);
        BenchStack.run("search", (stack, dir) -> new SearchBenchmark(options.get("-n"), options.get("-s"),
                options.get("-w"), options.get("-p") == 1).run(stack));
    }

    private void run(LocalStack stack) throws SQLException {
        long t = System.nanoTime();
        try (Connection owner = stack.ownerConnection()) {
            load(owner);
        }
        System.out.printf(Locale.ROOT, "search: %d articles (%d on sale) of %d merchants loaded, vacuumed and analyzed"
                + " in %.1f s; %d searches per side and row after %d warm-up, limit %d%n", articles, onSale(), MERCHANTS,
                (System.nanoTime() - t) / 1e9, searches, warmup, LIMIT);
        List<String> report = new ArrayList<>();
        boolean met = true;
        for (Row row : ROWS) {
            if (plans) {
                printPlan(row);
            }
            Latencies[] measured = measure(row);
            double p50 = measured[0].p50Ms() / measured[1].p50Ms();
            double p99 = measured[0].p99Ms() / measured[1].p99Ms();
            met &= p50 <= GOAL_RATIO && p99 <= GOAL_RATIO;
            report.add(line(row.name() + ": read code", measured[0]));
            report.add(line(row.name() + ": plain SQL", measured[1]));
            report.add(String.format(Locale.ROOT, "%-52s ratio p50 %.2f, p99 %.2f", "", p50, p99));
        }
        System.out.println();
        System.out.printf("%-52s %7s %7s %7s %8s%n", "", "p50 ms", "p90 ms", "p99 ms", "max ms");
        report.forEach(System.out::println);
        System.out.printf("goal read code ≤ %.0f× plain SQL (p50 and p99, every row) %s%n", GOAL_RATIO, met ? "✓" : "✗");
        System.out.println("database  " + databaseSettings());
    }

    // ------------------------------------------------------------------------------- data

    /** Merchants, then articles with their service products in one statement, then fresh statistics. */
    private void load(Connection c) throws SQLException {
        // as the owner: the functions' role has a statement timeout below this load, and may not vacuum
        long firstMerchant;
        try (PreparedStatement s = c.prepareStatement("""
                with users as (
                    insert into app_user (external_subject)
                    select 'bench-search-seller-' || g from generate_series(1, ?) g
                    returning id)
                insert into merchant (user_id, merchant_name, payout_bank, payout_account_masked,
                                      payout_account_encrypted)
                select id, '숙소 ' || id, '088', '110-***-789', '\\x01'::bytea from users
                returning id""")) {
            s.setInt(1, MERCHANTS);
            try (ResultSet rs = s.executeQuery()) {
                firstMerchant = Long.MAX_VALUE;
                while (rs.next()) {
                    firstMerchant = Math.min(firstMerchant, rs.getLong("id"));
                }
            }
        }
        // each choice from its own hash of g: places, brands, kinds, rooms, dates and prices
        // independent of each other, as in a real catalogue (multiples of g made the place decide the
        // kind, and a search for a pair that never met walked the whole catalogue)
        try (PreparedStatement s = c.prepareStatement("""
                with words as (
                    select g, h.*
                    from generate_series(1, ?) g,
                         lateral (select (hashint4(g)::bigint + 2147483648) as h1,
                                         (hashint4(g + 100000000)::bigint + 2147483648) as h2,
                                         (hashint4(g + 200000000)::bigint + 2147483648) as h3,
                                         (hashint4(g + 300000000)::bigint + 2147483648) as h4) h),
                choices as (
                    select g, h2, h3, h4,
                           (array['제주', '서귀포', '서울', '부산', '해운대', '강릉', '속초', '여수', '경주', '전주',
                                  '가평', '인천'])[1 + h1 % 12] as place,
                           (array['JEJU', 'JEJU', 'SEOUL', 'BUSAN', 'BUSAN', 'GANGWON', 'GANGWON', 'JEOLLANAM',
                                  'GYEONGBUK', 'JEONBUK', 'GYEONGGI', 'INCHEON'])[1 + h1 % 12] as region,
                           (array['신라', '롯데', '한화', '해비치', '파라다이스', '켄싱턴', '소노벨', '라마다',
                                  '그랜드하얏트', '히든클리프', '씨마크', '메종글래드', '베스트웨스턴', '오션스위츠',
                                  '라한'])[1 + h2 % 15] as brand,
                           (array['호텔', '리조트', '펜션', '풀빌라', '게스트하우스', '글램핑'])[1 + h3 % 6] as kind,
                           (array['디럭스', '스위트', '오션뷰', '패밀리', '트윈', '스탠다드'])[1 + h4 % 6] as room
                    from words),
                a as (
                    insert into article (merchant_id, status, title, description, accommodation_name, region,
                                         check_in, check_out, original_price, sale_price, created_at)
                    select ? + g % ?,
                           case when g % 10 < 8 then 'ON_SALE' when g % 10 = 8 then 'SOLD' else 'EXPIRED' end,
                           place || ' ' || brand || kind || ' ' || room || ' ' || (1 + h2 / 15 % 3) || '박 양도',
                           '일정이 바뀌어 양도합니다.', brand || kind || ' ' || place, region,
                           current_date + (2 + (h3 / 6) % 365)::int,
                           current_date + (3 + (h3 / 6) % 365 + h2 / 15 % 3)::int,
                           100000 + (h4 / 6) % 400 * 1000, 100000 + (h4 / 6) % 400 * 1000 - h4 / 2400 % 5 * 10000,
                           now() - g * interval '1 minute'
                    from choices
                    returning id)
                insert into service_product (article_id, room_type, guests)
                select id, '객실', 2 + id % 3 from a""")) {
            s.setInt(1, articles);
            s.setLong(2, firstMerchant);
            s.setInt(3, MERCHANTS);
            s.executeUpdate();
        }
        try (var s = c.createStatement()) {
            s.execute("vacuum analyze");
        }
    }

    private long onSale() {
        return Transaction.read(pool, c -> {
            try (var s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "select count(*) from article where status = 'ON_SALE'")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    // ------------------------------------------------------------------------------- the two sides

    /** The real read code and plain SQL, alternating search by search: [read code, plain SQL]. */
    private Latencies[] measure(Row row) {
        int total = warmup + searches;
        long[] real = new long[searches];
        long[] plain = new long[searches];
        long wallReal = 0;
        long wallPlain = 0;
        for (int i = 0; i < total; i++) {
            String q = row.queries().get(i % row.queries().size());
            long t0 = System.nanoTime();
            ArticlePage page = reads.search(buyer, ArticleQuery.parse(Map.of("q", q, "sort", row.sort(),
                    "limit", Integer.toString(LIMIT))));
            long t1 = System.nanoTime();
            List<ArticleSummary> rows = plain(q, row.sort());
            long t2 = System.nanoTime();
            if (!sameArticles(page.items(), rows)) {
                throw new IllegalStateException("the two sides found different articles for " + q);
            }
            if (i >= warmup) {
                real[i - warmup] = t1 - t0;
                plain[i - warmup] = t2 - t1;
                wallReal += t1 - t0;
                wallPlain += t2 - t1;
            }
        }
        return new Latencies[] {Latencies.of(real, wallReal), Latencies.of(plain, wallPlain)};
    }

    private static boolean sameArticles(List<ArticleSummary> page, List<ArticleSummary> plain) {
        List<Long> shown = page.stream().map(ArticleSummary::id).toList();
        List<Long> found = plain.stream().limit(LIMIT).map(ArticleSummary::id).toList();
        return shown.equals(found);
    }

    /** The search as one would write it by hand: the statement of the query's words, on the same pool. */
    private List<ArticleSummary> plain(String q, String sort) {
        String[] words = q.split(" ");
        return Transaction.read(pool, c -> {
            try (PreparedStatement s = c.prepareStatement(plainSql(words, sort))) {
                bind(s, words);
                List<ArticleSummary> rows = new ArrayList<>(LIMIT + 1);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new ArticleSummary(rs.getLong(1), ArticleStatus.valueOf(rs.getString(2)),
                                rs.getString(3), rs.getString(4), rs.getString(5), rs.getDate(6).toLocalDate(),
                                rs.getDate(7).toLocalDate(), rs.getInt(8), rs.getLong(9), rs.getLong(10),
                                rs.getString(11), rs.getTimestamp(12).toInstant()));
                    }
                }
                return rows;
            }
        });
    }

    private static String plainSql(String[] words, String sort) {
        String order = sort.equals("price") ? " order by a.sale_price, a.id" : " order by a.check_in, a.id";
        StringBuilder sql = new StringBuilder("""
                select a.id, a.status, a.title, a.accommodation_name, a.region, a.check_in, a.check_out, p.guests,
                       a.original_price, a.sale_price, m.merchant_name, a.created_at
                from (select a.id, a.merchant_id, a.status, a.title, a.accommodation_name, a.region, a.check_in,
                             a.check_out, a.original_price, a.sale_price, a.created_at
                      from article a
                      where a.status = 'ON_SALE' and a.check_in > ?
                        and a.merchant_id not in (select id from merchant where suspended_at is not null)""");
        for (String word : words) {
            sql.append(word.length() >= 3
                    ? " and (a.title || ' ' || a.accommodation_name || ' ' || a.region) ilike ?"
                    : " and strpos(lower(a.title || ' ' || a.accommodation_name || ' ' || a.region), lower(?)) > 0");
        }
        sql.append(order).append(" limit ").append(LIMIT + 1).append(") a");
        sql.append(" join merchant m on m.id = a.merchant_id join service_product p on p.article_id = a.id");
        return sql.append(order).toString();
    }

    private void bind(PreparedStatement s, String[] words) throws SQLException {
        s.setObject(1, lastClosed());
        for (int i = 0; i < words.length; i++) {
            // the benchmark's words hold no % or _
            s.setString(2 + i, words[i].length() >= 3 ? "%" + words[i] + "%" : words[i]);
        }
    }

    private LocalDate lastClosed() {
        return policy.lastClosedCheckIn(Clock.systemUTC().instant());
    }

    // ------------------------------------------------------------------------------- report

    /** EXPLAIN ANALYZE of the row's first search, as the plain side sends it. */
    private void printPlan(Row row) {
        String q = row.queries().getFirst();
        String[] words = q.split(" ");
        Transaction.read(pool, c -> {
            try (PreparedStatement s = c.prepareStatement("explain (analyze, buffers) "
                    + plainSql(words, row.sort()))) {
                bind(s, words);
                System.out.println();
                System.out.println("plan of q=" + q + " (" + row.name() + "):");
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        System.out.println("  " + rs.getString(1));
                    }
                }
            }
            return null;
        });
    }

    private static String line(String name, Latencies l) {
        return String.format(Locale.ROOT, "%-52s %7.3f %7.3f %7.3f %8.3f", name, l.p50Ms(), l.p90Ms(), l.p99Ms(),
                l.maxMs());
    }

    private String databaseSettings() {
        return Transaction.read(pool, c -> {
            try (var s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    select current_setting('server_version'), current_setting('shared_buffers'),
                           current_setting('work_mem'), pg_size_pretty(pg_relation_size('article')),
                           pg_size_pretty(pg_relation_size('article_search_trgm_idx'))""")) {
                rs.next();
                return "PostgreSQL " + rs.getString(1) + " (embedded), shared_buffers=" + rs.getString(2) + ", work_mem="
                        + rs.getString(3) + "; article " + rs.getString(4) + ", article_search_trgm_idx "
                        + rs.getString(5);
            }
        });
    }
}
