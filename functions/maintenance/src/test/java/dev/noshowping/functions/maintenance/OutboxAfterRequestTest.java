package dev.noshowping.functions.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noshowping.db.Transaction;
import dev.noshowping.outbox.Outbox;
import dev.noshowping.outbox.OutboxPublisher;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.SqsExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** After a request, exactly the committed rows it wrote are sent, and marked; rolled-back ones never. */
@ExtendWith({PostgresExtension.class, SqsExtension.class})
class OutboxAfterRequestTest {

    @Test
    void onlyCommittedRowsLeaveAndTheyAreMarkedPublished(DataSource ds) throws Exception {
        UUID committed = Transaction.run(ds, c -> Outbox.add(c, "order.paid.buyer", Map.of("orderId", "ord_ok")));
        assertThatThrownBy(() -> Transaction.run(ds, c -> {
            Outbox.add(c, "order.paid.buyer", Map.of("orderId", "ord_rolled_back"));
            throw new IllegalStateException("the use case failed after writing its outbox row");
        })).isInstanceOf(IllegalStateException.class);

        OutboxPublisher.afterRequest();

        var messages = SqsExtension.drainNotifications();
        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(m.messageAttributes().get("outboxId").stringValue()).isEqualTo(committed.toString());
            assertThat(m.body()).contains("ord_ok").contains("\"topic\":\"order.paid.buyer\"");
        });
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "select count(*) filter (where published_at is not null), count(*) from outbox")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.getInt(2)).isEqualTo(1);
        }
        // nothing is left for a second request or the sweep
        OutboxPublisher.afterRequest();
        assertThat(OutboxPublisher.current().orElseThrow().publish(50)).isZero();
        assertThat(SqsExtension.drainNotifications()).isEmpty();
    }
}
