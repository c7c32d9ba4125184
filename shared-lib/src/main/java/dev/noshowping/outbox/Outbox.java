package dev.noshowping.outbox;

import dev.noshowping.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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

    public static UUID add(Connection c, String topic, Map<String, ?> payload) throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement s = c.prepareStatement("insert into outbox (id, topic, payload) values (?, ?, ?::jsonb)")) {
            s.setObject(1, id);
            s.setString(2, topic);
            s.setString(3, Json.write(payload));
            s.executeUpdate();
        }
        return id;
    }
}
