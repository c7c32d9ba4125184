package dev.noshowping.order;

import dev.noshowping.db.DatabaseException;
import dev.noshowping.db.Transaction;
import dev.noshowping.domain.Conflict;
import dev.noshowping.domain.Invalid;
import dev.noshowping.domain.NotFound;
import dev.noshowping.domain.ProviderRefused;
import dev.noshowping.domain.Validation;
import dev.noshowping.domain.WrongState;
import dev.noshowping.identity.Caller;
import dev.noshowping.lambda.Deadline;
import dev.noshowping.log.JsonLog;
import dev.noshowping.payment.TossClient;
import dev.noshowping.payment.TossException;
import dev.noshowping.payment.TossPayment;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * {@code POST /payments/confirm}: exactly one Toss confirm per order, from here only:
 * a confirm anywhere else could charge a buyer twice.
 *
 * <p>The caller that moves the order PENDING → CONFIRMING (a guarded UPDATE: one winner) calls
 * Toss with the order's stored Idempotency-Key, retrying only what Toss calls retryable and
 * only with that key. Every other caller, concurrent or later, waits for and gets the stored
 * outcome. If no answer comes, the order stays CONFIRMING and reconciliation asks Toss.
 */
public final class ConfirmPayment {

    /**
     * The order as the buyer sees it; {@code stillConfirming} when Toss's answer is not known yet
     * (reconciliation settles it later), so the client knows to look again.
     */
    public record Result(OrderView order, boolean stillConfirming) {
    }

    static final Pattern ORDER_ID = Pattern.compile("^[A-Za-z0-9_-]{6,64}$");
    private static final int ATTEMPTS = 3;
    private static final Duration WAIT_FOR_OTHER = Duration.ofSeconds(10);

    private final Supplier<DataSource> dataSource;
    private final Supplier<TossClient> toss;
    private final PaymentSettlement settlement;

    public ConfirmPayment(Supplier<DataSource> dataSource, Supplier<TossClient> toss, OrderPolicy policy) {
        this.dataSource = dataSource;
        this.toss = toss;
        this.settlement = new PaymentSettlement(dataSource, policy);
    }

    /** The Idempotency-Key of an order's confirm: derived, so every attempt of every caller sends the same. */
    static String confirmKey(String orderId) {
        return "confirm-" + orderId;
    }

    /**
     * @param deadline when to stop retrying and answer with the order still CONFIRMING (reconciliation
     *                 then settles it): a retry starts only if a whole call fits before it
     */
    public Result confirm(Caller caller, PaymentConfirmation request, Deadline deadline) {
        Validation v = new Validation();
        v.text("paymentKey", request.paymentKey(), 1, 200);
        v.pattern("orderId", request.orderId(), ORDER_ID, "a Toss orderId (6-64 of A-Z a-z 0-9 _ -)");
        v.range("amount", request.amount(), 1, Long.MAX_VALUE);
        v.throwIfInvalid();

        Optional<OrderRepository.Claim> claimed;
        try {
            // the claim alone, one statement: its winner needs nothing but the order's id and its stay's
            // check-in, which the claim returns (it matched the caller as buyer); only a caller that did not win
            // reads the order
            claimed = Transaction.autocommit(dataSource.get(), c -> OrderRepository.claimConfirm(c, request.orderId(),
                    caller.subject(), request.amount(), request.paymentKey(), confirmKey(request.orderId())));
        } catch (DatabaseException e) {
            if (e.isUniqueViolation()) {
                throw new Invalid("paymentKey", "belongs to another order");
            }
            throw e;
        }
        if (claimed.isEmpty()) {
            return outcomeFor(caller, load(caller, request.orderId()), request, deadline);
        }
        return callToss(caller, claimed.get(), request, deadline);
    }

    private Result callToss(Caller caller, OrderRepository.Claim claim, PaymentConfirmation request, Deadline deadline) {
        long id = claim.orderId();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (attempt > 1 && !deadline.allows(toss.get().longestCall())) {
                JsonLog.warn("toss confirm stops: no time left for another call", Map.of("orderId", request.orderId(),
                        "attempts", attempt - 1));
                break;
            }
            try {
                TossPayment payment = toss.get().confirm(request.paymentKey(), request.orderId(), request.amount(),
                        confirmKey(request.orderId()));
                // the settlement's move answers with the order: no further look-up
                return result(settlement.settle(id, claim.checkIn(), payment).order());
            } catch (TossException e) {
                if (e.alreadyProcessed()) {
                    // Toss confirmed it before (our answer was lost): look it up, never confirm again
                    toss.get().byOrderId(request.orderId()).ifPresent(p -> settlement.settle(id, claim.checkIn(), p));
                    return settled(caller, request.orderId());
                }
                if (!e.retryable()) {
                    settlement.fail(id, e.code(), e.tossMessage());
                    return settled(caller, request.orderId());
                }
                log(request.orderId(), attempt, e.toString());
            } catch (TossClient.Unanswered e) {
                log(request.orderId(), attempt, e.getMessage());
            }
            pause(attempt);
        }
        // No answer we can act on: the order stays CONFIRMING; the maintenance schedule asks Toss.
        return new Result(load(caller, request.orderId()).view(), true);
    }

    /** A caller that did not win the claim: wait for the winner's outcome, or explain why there is none. */
    private Result outcomeFor(Caller caller, OrderRepository.Row order, PaymentConfirmation request, Deadline deadline) {
        if (order.view().amount() != request.amount()) {
            throw new Invalid("amount", "must equal the order's amount (" + order.view().amount() + ")");
        }
        if (order.status() == OrderStatus.PENDING) {
            throw new Conflict("the hold on order " + request.orderId()
                    + " has expired; hold the article again");
        }
        Duration wait = deadline.remaining(WAIT_FOR_OTHER);
        long until = System.nanoTime() + (wait.compareTo(WAIT_FOR_OTHER) < 0 ? wait : WAIT_FOR_OTHER).toNanos();
        while (order.status() == OrderStatus.CONFIRMING && System.nanoTime() < until) {
            pause(0);
            order = load(caller, request.orderId());
        }
        if (order.status() == OrderStatus.EXPIRED || order.status() == OrderStatus.CANCELED) {
            // nothing to confirm any more: answering with the order would read as success to a client that only
            // checks whether it was refused
            throw new WrongState(order.status(), "order " + request.orderId()
                    + " ended unpaid; hold the article again");
        }
        return result(order);
    }

    private Result settled(Caller caller, String orderId) {
        return result(load(caller, orderId));
    }

    private static Result result(OrderRepository.Row order) {
        OrderView view = OrderParty.BUYER.view(order.view());
        return switch (view.state()) {
            case CONFIRMING -> new Result(view, true);
            case FAILED -> {
                var f = view.failure();
                throw new ProviderRefused(ProviderRefused.Operation.PAYMENT, f == null ? "UNKNOWN" : f.code(), false,
                        f == null ? "the payment failed" : f.message());
            }
            default -> new Result(view, false);
        };
    }

    private OrderRepository.Row load(Caller caller, String orderId) {
        return ownedBy(caller, orderId, Transaction.read(dataSource.get(), c -> OrderRepository.findByOrderId(c, orderId)));
    }

    /** Someone else's order is as good as none: not found, never revealing that it exists. */
    private static OrderRepository.Row ownedBy(Caller caller, String orderId, Optional<OrderRepository.Row> row) {
        if (row.isEmpty() || !row.get().buyerSubject().equals(caller.subject())) {
            throw new NotFound("no order " + orderId + " of yours");
        }
        return row.get();
    }

    private static void log(String orderId, int attempt, String what) {
        JsonLog.warn("toss confirm attempt failed", Map.of("orderId", orderId, "attempt", attempt, "error", what));
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(attempt == 0 ? 50 : 200L * attempt * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
