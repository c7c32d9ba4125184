package dev.noshowping.admin;

import dev.noshowping.db.Transaction;
import dev.noshowping.domain.Validation;
import dev.noshowping.identity.Caller;
import dev.noshowping.order.OrderPolicy;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * {@code GET /admin/stats}: the console's charts, per Korean calendar day (the day the marketplace
 * and its sellers live by): orders made and paid, disputes opened, notifications that failed. Every
 * day of the window has its entry, zeros included, oldest first and ending today.
 */
public final class DailyStats {

    public static final int DEFAULT_DAYS = 30;
    public static final int MAX_DAYS = 90;

    public record Day(LocalDate day, int ordersCreated, int ordersPaid, int disputesOpened, int notificationsFailed) {
    }

    public record Window(List<Day> days) {
    }

    private final Supplier<DataSource> dataSource;
    private final Clock clock;

    public DailyStats(Supplier<DataSource> dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public Window window(Caller caller, Map<String, String> params) {
        caller.requireAdmin("only staff read the marketplace's figures");
        Map<String, String> p = params == null ? Map.of() : params;
        Validation v = new Validation();
        v.onlyKnown(p, Set.of("days"));
        Long asked = p.containsKey("days") ? v.wholeNumber("days", p.get("days"), 1, MAX_DAYS) : null;
        v.throwIfInvalid();
        long days = asked == null ? DEFAULT_DAYS : asked;
        LocalDate today = LocalDate.now(clock.withZone(OrderPolicy.KOREA));
        LocalDate first = today.minusDays(days - 1);
        return new Window(Transaction.read(dataSource.get(),
                c -> StatsRepository.days(c, first, today, OrderPolicy.KOREA)));
    }
}
