package dev.noshowping.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noshowping.testkit.DatabaseExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two pages of one source written by transactions that began in one order and took the source's
 * lock in the other (found by CI: the later-begun transaction inserted the listing, the earlier one
 * then saw it again and stamped a last sighting before the first).
 */
@ExtendWith(DatabaseExtension.class)
class CrawlRepositoryClockTest {

    private static final MarketListing LISTING = new MarketListing(MarketSource.BUNJANG, "clock-1", "제주 호텔 1박 양도", 150_000,
            "https://m.bunjang.co.kr/products/1", SaleStatus.SELLING, Instant.parse("2026-11-20T03:00:00Z"));

    @Test
    void aListingIsNeverLastSeenBeforeItWasFirstSeen(DataSource ds) throws Exception {
        CrawlTaskMessage task;
        try (Connection c = ds.getConnection()) {
            c.createStatement().executeUpdate("insert into crawl_keyword (keyword) values ('호텔 양도')");
            task = CrawlRepository.openRun(c, CrawlTrigger.MANUAL).tasks().stream()
                    .filter(t -> t.source() == MarketSource.BUNJANG).findFirst().orElseThrow();
        }
        try (Connection early = ds.getConnection(); Connection late = ds.getConnection()) {
            early.setAutoCommit(false);
            Instant earlyBegan = now(early); // now() is fixed from here to the commit
            // the other transaction must begin strictly later for the orders to cross
            late.createStatement().execute("select pg_sleep(0.002)");
            late.setAutoCommit(false);
            assertThat(now(late)).isAfter(earlyBegan);
            assertThat(CrawlRepository.savePage(late, task, List.of(LISTING)).inserted()).isEqualTo(1);
            late.commit();

            var seenAgain = CrawlRepository.savePage(early, task, List.of(LISTING));
            early.commit();

            assertThat(seenAgain.inserted()).isZero();
        }
        try (Connection c = ds.getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "select count(*), bool_and(last_seen_at >= first_seen_at) from crawled_listing where external_id = 'clock-1'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.getBoolean(2)).isTrue();
        }
    }

    private static Instant now(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("select now()")) {
            rs.next();
            Timestamp t = rs.getTimestamp(1);
            return t.toInstant();
        }
    }
}
