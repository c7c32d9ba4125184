package dev.noshowping.local.bench;

import dev.noshowping.json.Json;
import dev.noshowping.testkit.Marketplace;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What the cold starts' databases hold before a start copies them. {@link ColdStartDatabases#EMPTY}
 * is what a fresh stack has. {@link #CATALOGUE} adds the rows four sample events name, so their first
 * answer is their function's work and not a refusal: the upload's caller is a merchant, article 42 is
 * on sale for the hold, article 1 has the Bunjang listing (external link 1) the resale check looks up,
 * and crawl task 1 (run 1, BUNJANG, "호텔 양도") is queued for the crawl worker. The articles are made
 * by the seller flow's own use cases, as the tests make theirs.
 */
final class ColdStartSeeds {

    static final String CATALOGUE = "coldstart_catalogue";

    /** The functions whose sample event needs the catalogue; the others answer against an empty database. */
    static final Set<String> ON_CATALOGUE =
            Set.of("ImageSignFunction", "TossConfirmFunction", "ResaleWorkerFunction", "CrawlWorkerFunction");

    private static final String LISTING = "https://m.bunjang.co.kr/products/123456789";

    private ColdStartSeeds() {
    }

    static String of(String functionId) {
        return ON_CATALOGUE.contains(functionId) ? CATALOGUE : ColdStartDatabases.EMPTY;
    }

    /** Fills {@link #CATALOGUE}, already a copy of the empty database, and checks its ids are the samples'. */
    static void fillCatalogue(String jdbcUrl, String user, String password, Path root) throws IOException, SQLException {
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setURL(jdbcUrl);
        db.setUser(user);
        db.setPassword(password);
        // the upload's caller, who is also the seller of events/README.md
        String seller = Json.MAPPER.readTree(root.resolve("events/image-sign/post-images.json").toFile())
                .at("/requestContext/authorizer/jwt/claims/sub").asText();
        long checked = Marketplace.articleOnSale(() -> db, seller, 250_000, "YJ-COLD-START-1", List.of(LISTING));
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("select setval(pg_get_serial_sequence('article', 'id'), 41)");
        }
        long held = Marketplace.articleOnSale(() -> db, seller, 300_000, "YJ-COLD-START-42", null);
        long link;
        long task;
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            link = single(s, "select id from external_link where article_id = " + checked);
            long run = single(s, "insert into crawl_run (trigger, tasks) values ('SCHEDULE', 1) returning id");
            task = single(s, "insert into crawl_task (run_id, source, keyword_id) select " + run
                    + ", 'BUNJANG', id from crawl_keyword where keyword = '호텔 양도' returning id");
        }
        if (checked != 1 || held != 42 || link != 1 || task != 1) {
            throw new IllegalStateException("the catalogue's ids are not the sample events': article " + checked
                    + " and " + held + ", external link " + link + ", crawl task " + task);
        }
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("no row from: " + sql);
            }
            return rs.getLong(1);
        }
    }
}
