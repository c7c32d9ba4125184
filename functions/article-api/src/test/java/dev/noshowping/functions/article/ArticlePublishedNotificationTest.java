package dev.noshowping.functions.article;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.json.Json;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.S3Extension;
import dev.noshowping.testkit.SqsExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The notification of a new article is an outbox row committed with it; the create path makes no SQS
 * call: the outbox relay (or, failing it, the maintenance sweep) publishes the row.
 */
@ExtendWith({PostgresExtension.class, S3Extension.class, SqsExtension.class})
class ArticlePublishedNotificationTest {

    @Test
    void theRequestSendsNothingAndThePublisherSendsTheRowWithItsId(DataSource ds) throws Exception {
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
}
