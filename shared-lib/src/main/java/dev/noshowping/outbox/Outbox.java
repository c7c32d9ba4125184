package dev.noshowping.outbox;

import dev.noshowping.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The transactional outbox: a use case that must notify writes a row here in its own
 * transaction; the notification leaves after commit (publisher) or with the maintenance sweep.
 * The row's id is the consumers' dedupe key.
 *
 * <p>The rows this thread wrote are also remembered, so the publisher can send exactly them after
 * the request without reading the outbox back. {@code Transaction} forgets the ones of a
 * transaction that rolled back ({@link #mark()} / {@link #forgetSince(int)}): only committed rows
 * are ever sent.
 */
public final class Outbox {

    /** A row written by this thread: what its message will carry. */
    public record Row(UUID id, String topic, String payloadJson) {
    }

    /** What this thread wrote since the last {@link #take()}: rows it knows, and whether others were written in SQL. */
    public record Written(List<Row> rows, boolean unknownRows) {
        public boolean isEmpty() {
            return rows.isEmpty() && !unknownRows;
        }
    }

    private static final ThreadLocal<List<Row>> ROWS = ThreadLocal.withInitial(ArrayList::new);
    private static final ThreadLocal<Boolean> UNKNOWN = ThreadLocal.withInitial(() -> false);

    private Outbox() {
    }

    public static UUID add(Connection c, String topic, Map<String, ?> payload) throws SQLException {
        UUID id = UUID.randomUUID();
        String json = Json.write(payload);
        try (PreparedStatement s = c.prepareStatement("insert into outbox (id, topic, payload) values (?, ?, ?::jsonb)")) {
            s.setObject(1, id);
            s.setString(2, topic);
            s.setString(3, json);
            s.executeUpdate();
        }
        ROWS.get().add(new Row(id, topic, json));
        return id;
    }

    /** For writers that insert outbox rows in their own SQL: the publisher then claims unpublished rows. */
    public static void markWritten() {
        UNKNOWN.set(true);
    }

    /** Takes (and clears) what this thread wrote. */
    public static Written take() {
        Written written = new Written(List.copyOf(ROWS.get()), UNKNOWN.get());
        ROWS.get().clear();
        UNKNOWN.set(false);
        return written;
    }

    /** Hands rows written on another thread to this one (a batch's records run on their own threads). */
    public static void putBack(Written written) {
        ROWS.get().addAll(written.rows());
        if (written.unknownRows()) {
            UNKNOWN.set(true);
        }
    }

    /** Where this thread's record stands: pass it to {@link #forgetSince(int)} if the transaction rolls back. */
    public static int mark() {
        return ROWS.get().size();
    }

    /** The transaction that wrote the rows after {@code mark} rolled back: they never existed. */
    public static void forgetSince(int mark) {
        List<Row> rows = ROWS.get();
        if (rows.size() > mark) {
            rows.subList(mark, rows.size()).clear();
        }
    }
}
