package dev.noshowping.article;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noshowping.db.NamedSql;
import dev.noshowping.db.NamedStatement;
import dev.noshowping.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The search statement against a catalogue of a few thousand articles: Korean text is split into
 * trigrams by this database, a word of three characters or more is looked up in the trigram index,
 * and what is found is exactly what a scan of every title finds. The tests only read, so the
 * catalogue is written once for the class (the next class's {@code DatabaseExtension} empties it).
 */
class ArticleSearchSqlTest {

    private static final int CATALOGUE = 4000;
    private static final LocalDate TODAY = LocalDate.now();

    private static TestPostgres db;

    @BeforeAll
    static void catalogue() throws SQLException {
        db = TestPostgres.get();
        db.clean();
        try (Connection c = db.ownerDataSource().getConnection(); var s = c.createStatement()) {
            s.execute("""
                    with u as (insert into app_user (external_subject) values ('search-seller') returning id),
                    m as (insert into merchant (user_id, merchant_name, payout_bank, payout_account_masked,
                                                payout_account_encrypted)
                          select id, '검색 숙소', '088', '110-***-789', '\\x01'::bytea from u returning id),
                    a as (insert into article (merchant_id, title, accommodation_name, region, check_in, check_out,
                                               original_price, sale_price)
                          select m.id,
                                 (array['제주 바다 펜션', '부산 해운대 호텔', '서울 시내 게스트하우스', '강릉 오션뷰 리조트'])[1 + g % 4]
                                     || ' ' || g || '박',
                                 (array['바다펜션', '해운대호텔', '시내하우스', '오션리조트'])[1 + g % 4],
                                 (array['JEJU', 'BUSAN', 'SEOUL', 'GANGWON'])[1 + g % 4],
                                 current_date + 10 + g % 60, current_date + 11 + g % 60, 300000, 100000 + g % 97 * 1000
                          from m, generate_series(1, CATALOGUE) g
                          union all
                          select m.id, '제주 한라호텔 디럭스 ' || g, '한라호텔', 'JEJU', current_date + 20 + g,
                                 current_date + 21 + g, 300000, 200000
                          from m, generate_series(1, 3) g
                          returning id)
                    insert into service_product (article_id, room_type, guests) select id, '스탠다드', 2 from a
                    """.replace("CATALOGUE", Integer.toString(CATALOGUE)));
            s.execute("analyze article");
            s.execute("analyze service_product");
        }
    }

    @Test
    void koreanTextHasTrigrams() throws SQLException {
        // under an LC_CTYPE of plain C Hangul is no letter and a Korean word has no trigram at all
        try (Connection c = db.appDataSource().getConnection(); var s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     select cardinality(show_trgm('한라호텔')), cardinality(show_trgm('한라 호텔')),
                            (select datctype from pg_database where datname = current_database())""")) {
            rs.next();
            assertThat(rs.getInt(1)).as("lc_ctype %s: '  한', ' 한라', '한라호', '라호텔', '호텔 '", rs.getString(3))
                    .isEqualTo(5);
            assertThat(rs.getInt(2)).as("two words of two syllables: three trigrams each").isEqualTo(6);
        }
    }

    @Test
    void aWordOfThreeCharactersIsLookedUpInTheTrigramIndexAndFindsEveryMatch() throws SQLException {
        ArticleQuery q = ArticleQuery.parse(Map.of("q", "한라호텔"));
        assertThat(plan(q)).contains("article_search_trgm_idx");
        assertThat(ids(q)).containsExactlyElementsOf(scan("title ilike '%한라호텔%' order by check_in, id"));
        assertThat(ids(q)).hasSize(3);
    }

    @Test
    void twoWordsMustBothBeFoundAndCaseIsIgnored() throws SQLException {
        ArticleQuery q = ArticleQuery.parse(Map.of("q", "jeju 한라호텔", "limit", "50"));
        assertThat(ids(q)).hasSize(3);
        ArticleQuery none = ArticleQuery.parse(Map.of("q", "busan 한라호텔"));
        assertThat(ids(none)).isEmpty();
    }

    @Test
    void aTwoCharacterWordIsMatchedWithoutTheIndexAndStillFindsOnlyMatches() throws SQLException {
        ArticleQuery q = ArticleQuery.parse(Map.of("q", "해운", "limit", "50", "sort", "price"));
        assertThat(plan(q)).doesNotContain("article_search_trgm_idx");
        List<Long> found = ids(q);
        assertThat(found).hasSize(51);
        assertThat(found).isSubsetOf(scan("title ilike '%해운%'"));
    }

    @Test
    void aWordWithLikeWildcardsIsTakenLiterally() throws SQLException {
        assertThat(ids(ArticleQuery.parse(Map.of("q", "%%")))).isEmpty();
        assertThat(ids(ArticleQuery.parse(Map.of("q", "__")))).isEmpty();
        assertThat(ids(ArticleQuery.parse(Map.of("q", "%%%")))).isEmpty();
        assertThat(ids(ArticleQuery.parse(Map.of("q", "\\_%")))).isEmpty();
    }

    @Test
    void aTwoCharacterWordIgnoresCaseAsTheLongerOnesDo() throws SQLException {
        assertThat(ids(ArticleQuery.parse(Map.of("q", "ju 한라호텔")))).hasSize(3);
        assertThat(ids(ArticleQuery.parse(Map.of("q", "JU 한라호텔")))).hasSize(3);
    }

    private String plan(ArticleQuery q) throws SQLException {
        var search = ArticleRepository.searchStatement(q, null, false, TODAY);
        try (Connection c = db.appDataSource().getConnection();
             NamedStatement s = NamedSql.parse("explain " + search.sql()).prepare(c)) {
            for (var value : search.values().entrySet()) {
                s.set(value.getKey(), value.getValue());
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    private List<Long> ids(ArticleQuery q) throws SQLException {
        try (Connection c = db.appDataSource().getConnection()) {
            return ArticleRepository.search(c, q, null, false, TODAY).stream().map(ArticleSummary::id).toList();
        }
    }

    private List<Long> scan(String where) throws SQLException {
        try (Connection c = db.appDataSource().getConnection(); var s = c.createStatement();
             ResultSet rs = s.executeQuery("select id from article where " + where)) {
            List<Long> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
            return ids;
        }
    }
}
