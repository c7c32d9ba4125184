package dev.noshowping.outbox;

import dev.noshowping.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * The transactional outbox: a use case that must notify writes a row here in its own
 * transaction; the notification leaves after commit (publisher) or with the maintenance sweep.
 * The row's id is the consumers' dedupe key.
 */
public final class Outbox {

    /** Set when this thread wrote an outbox row: the function then publishes after its response is built. */
    private static final ThreadLocal<Boolean> WRITTEN = ThreadLocal.withInitial(() -> false);

    private Outbox() {
    }

    /** Whether this thread wrote outbox rows since the last call; resets the mark. */
    public static boolean takeWritten() {
        boolean written = WRITTEN.get();
        WRITTEN.set(false);
        return written;
    }

    /** For writers that insert outbox rows in their own SQL (one-statement use cases). */
    public static void markWritten() {
        WRITTEN.set(true);
    }

    public static UUID add(Connection c, String topic, Map<String, ?> payload) throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement s = c.prepareStatement("insert into outbox (id, topic, payload) values (?, ?, ?::jsonb)")) {
            s.setObject(1, id);
            s.setString(2, topic);
            s.setString(3, Json.write(payload));
            s.executeUpdate();
        }
        markWritten();
        return id;
    }
}
