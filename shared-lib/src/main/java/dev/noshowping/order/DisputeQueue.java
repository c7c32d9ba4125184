package dev.noshowping.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.noshowping.db.Transaction;
import dev.noshowping.http.Caller;
import dev.noshowping.http.Cursor;
import dev.noshowping.http.Problem;
import dev.noshowping.http.ProblemException;
import dev.noshowping.http.Validation;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** {@code GET /admin/disputes}: staff's queue, oldest first, open ones by default, in keyset pages. */
public final class DisputeQueue {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final Set<String> KNOWN = Set.of("status", "limit", "cursor");

    public record DisputePage(List<DisputeView> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {
    }

    private final Supplier<DataSource> dataSource;

    public DisputeQueue(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    public DisputePage list(Caller caller, Map<String, String> params) {
        if (!caller.isAdmin()) {
            throw new ProblemException(Problem.forbidden("only staff see disputes"));
        }
        Map<String, String> p = params == null ? Map.of() : params;
        Validation v = new Validation();
        p.keySet().stream().filter(k -> !KNOWN.contains(k)).sorted().forEach(k -> v.add(k, "is not a known parameter"));
        String status = p.getOrDefault("status", "OPEN");
        v.check(status.equals("OPEN") || status.equals("RESOLVED"), "status", "must be OPEN or RESOLVED");
        int limit = DEFAULT_LIMIT;
        if (p.containsKey("limit")) {
            try {
                long l = Long.parseLong(p.get("limit"));
                v.range("limit", l, 1, MAX_LIMIT);
                limit = (int) Math.max(1, Math.min(MAX_LIMIT, l));
            } catch (NumberFormatException e) {
                v.add("limit", "must be an integer");
            }
        }
        Instant afterAt = Instant.EPOCH;
        long afterId = 0;
        if (p.containsKey("cursor")) {
            String[] parts = Cursor.decode(p.get("cursor"), 2).orElse(null);
            try {
                afterAt = Instant.parse(parts[0]);
                afterId = Long.parseLong(parts[1]);
            } catch (NullPointerException | DateTimeParseException | NumberFormatException e) {
                v.add("cursor", "is not a cursor from a previous page");
            }
        }
        v.throwIfInvalid();
        int size = limit;
        Instant at = afterAt;
        long id = afterId;
        List<DisputeView> rows = Transaction.read(dataSource.get(), c -> DisputeRepository.page(c, status, at, id, size + 1));
        List<DisputeView> page = rows.stream().limit(size).toList();
        return new DisputePage(page, rows.size() > size ? Cursor.encode(page.getLast().createdAt(), page.getLast().id()) : null);
    }
}
