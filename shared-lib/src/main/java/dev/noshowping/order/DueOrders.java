package dev.noshowping.order;

import dev.noshowping.lambda.Deadline;
import dev.noshowping.log.JsonLog;
import dev.noshowping.payment.TossClient;
import dev.noshowping.payment.TossException;
import java.util.List;
import java.util.Map;

/**
 * Runs one maintenance chore over the orders due for it, one order at a time. An order that fails
 * (Toss unreachable, its data, a database error) is logged and the next one goes on; none starts
 * after the deadline. Either way the order is still due, so the next run takes it up.
 */
final class DueOrders {

    /** The chore for one order; true when it did something (the order moved). */
    @FunctionalInterface
    interface Chore {
        boolean run(long orderId);
    }

    private DueOrders() {
    }

    /** How many of {@code ids} the chore did something for. */
    static int each(List<Long> ids, String chore, Deadline deadline, Chore work) {
        int done = 0;
        for (int i = 0; i < ids.size(); i++) {
            if (deadline.passed()) {
                JsonLog.warn(chore + " stopped at the deadline; the next run goes on",
                        Map.of("left", ids.size() - i));
                break;
            }
            long id = ids.get(i);
            try {
                done += work.run(id) ? 1 : 0;
            } catch (TossException | TossClient.Unanswered e) {
                JsonLog.warn(chore + " deferred: Toss did not help now", Map.of("orderDbId", id, "error", e.toString()));
            } catch (RuntimeException e) {
                JsonLog.error(chore + " failed for one order", Map.of("orderDbId", id), e);
            }
        }
        return done;
    }
}
