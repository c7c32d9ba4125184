package dev.noshowping.functions.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.noshowping.lambda.LocalContext;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.SqsExtension;
import java.sql.Connection;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;

/** A crash between commit and publish loses nothing: the minute sweep sends what was left, once. */
@ExtendWith({PostgresExtension.class, SqsExtension.class})
class OutboxSweepTest {

    @ParameterizedTest
    @Event(value = "events/maintenance/maintenance-schedule.json", type = ScheduledEvent.class)
    void theSweepPublishesLeftRowsOnce(ScheduledEvent event, DataSource ds) throws Exception {
        try (Connection c = ds.getConnection()) {
            // three rows committed by requests that died before publishing
            c.createStatement().executeUpdate("""
                    insert into outbox (topic, payload)
                    select 'article.published', jsonb_build_object('articleId', n) from generate_series(1, 3) n""");
        }
        var first = new MaintenanceHandler().handleRequest(event, LocalContext.of("MaintenanceFunction", 60));
        var second = new MaintenanceHandler().handleRequest(event, LocalContext.of("MaintenanceFunction", 60));

        assertThat(first).containsEntry("outboxPublished", 3);
        assertThat(second).containsEntry("outboxPublished", 0);
        Set<String> outboxIds = new HashSet<>();
        SqsExtension.drainNotifications().forEach(m -> outboxIds.add(m.messageAttributes().get("outboxId").stringValue()));
        assertThat(outboxIds).hasSize(3);
        try (Connection c = ds.getConnection(); var rs = c.createStatement().executeQuery(
                "select count(*) from outbox where published_at is null")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }
}
