package dev.noshowping.functions.article;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.json.Json;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.S3Extension;
import dev.noshowping.testkit.SqsExtension;
import dev.noshowping.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The notification of a new article is an outbox row committed with it; the create path makes no SQS
 * call (it is not urgent), the maintenance sweep publishes it within a minute.
 */
@ExtendWith({PostgresExtension.class, S3Extension.class, SqsExtension.class})
class ArticlePublishedNotificationTest {

    @AfterEach
    void restore() {
        TestDatabase.get().installEnvironment(Map.of());
    }

    @Test
    void theOutboxRowWaitsForTheSweepWhichPublishesItWithItsId(DataSource ds) throws Exception {
        ArticleApiHandler api = new ArticleApiHandler();
        Seller seller = Seller.registered("seller-1", api);
        long id = seller.publish(a -> { });
        assertThat(SqsExtension.drainNotifications()).as("nothing sent by the request").isEmpty();

        assertThat(dev.noshowping.outbox.OutboxPublisher.current().orElseThrow().publish(50)).isEqualTo(1);
        var messages = SqsExtension.drainNotifications();
        assertThat(messages).hasSize(1);
        JsonNode body = Json.MAPPER.readTree(messages.getFirst().body());
        assertThat(body.get("topic").asText()).isEqualTo("article.published");
        assertThat(body.at("/payload/articleId").asLong()).isEqualTo(id);
        assertThat(body.at("/payload/merchantName").asText()).isEqualTo("seller-1 여행샵");
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "select id::text, published_at is not null from outbox")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(body.get("outboxId").asText())
                    .isEqualTo(messages.getFirst().messageAttributes().get("outboxId").stringValue());
            assertThat(rs.getBoolean(2)).isTrue();
        }
    }

    @Test
    void whenTheQueueIsDownTheArticleIsStillCreatedAndTheRowWaitsForTheSweep() throws Exception {
        // a port nothing listens on: the publish fails after the commit
        TestDatabase.get().installEnvironment(Map.of("AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:1"));
        ArticleApiHandler api = new ArticleApiHandler();
        Seller seller = Seller.registered("seller-1", api);
        seller.publish(a -> { });

        // (the injected pool was replaced by the environment change above: take the current one)
        try (Connection c = TestDatabase.get().dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "select count(*) from outbox where published_at is null")) {
            rs.next();
            assertThat(rs.getInt(1)).as("kept for the sweep, not lost").isEqualTo(1);
        }
        assertThat(SqsExtension.drainNotifications()).isEqualTo(List.of());
    }
}
