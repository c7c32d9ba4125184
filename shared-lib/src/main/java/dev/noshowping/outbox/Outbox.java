package dev.noshowping.outbox;

import dev.noshowping.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The transactional outbox: a use case that must notify writes a row here in its own
 * transaction; the {@link OutboxRelay} sends it to the notifications queue within about a second
 * of the commit, and the maintenance sweep sends whatever the relay missed. The row's id is the
 * consumers' dedupe key. No request waits for a publish.
 */
public final class Outbox {

    private Outbox() {
    }

    /** A row to write: what happened ({@code order.paid.buyer}) and what its messages show. */
    public record Message(String topic, Map<String, ?> payload) {
    }

    public static UUID add(Connection c, String topic, Map<String, ?> payload) throws SQLException {
        return add(c, List.of(new Message(topic, payload))).getFirst();
    }

    /** Several rows in one statement (a paid order tells seller and buyer): one round trip, not one each. */
    public static List<UUID> add(Connection c, List<Message> messages) throws SQLException {
        UUID[] ids = new UUID[messages.size()];
        String[] topics = new String[messages.size()];
        String[] payloads = new String[messages.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = UUID.randomUUID();
            topics[i] = messages.get(i).topic();
            payloads[i] = Json.write(messages.get(i).payload());
        }
        try (PreparedStatement s = c.prepareStatement("""
                insert into outbox (id, topic, payload)
                select id, topic, payload::jsonb from unnest(?::uuid[], ?::text[], ?::text[]) as m(id, topic, payload)""")) {
            s.setArray(1, c.createArrayOf("uuid", ids));
            s.setArray(2, c.createArrayOf("text", topics));
            s.setArray(3, c.createArrayOf("text", payloads));
            s.executeUpdate();
        }
        return List.of(ids);
    }
}
