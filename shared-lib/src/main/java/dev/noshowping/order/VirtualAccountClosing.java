package dev.noshowping.order;

import dev.noshowping.db.Transaction;
import dev.noshowping.payment.TossClient;
import dev.noshowping.payment.TossException;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Closes a virtual account nobody has paid into yet: Toss cancels the payment (no money moved, so
 * nothing is refunded) and the order settles as Toss then sees it. The buyer's cancel and the
 * deposit deadline both end an unpaid account this way.
 *
 * <p>Each attempt's Idempotency-Key carries the order's cancel attempt number. Toss keeps every
 * answer under its key for 15 days, a refusal included, so after a definite refusal the next
 * attempt takes a new number; after no answer (or one Toss says to retry) it keeps the same key,
 * so a cancel that did go through is never made twice.
 */
final class VirtualAccountClosing {

    private final Supplier<DataSource> dataSource;
    private final Supplier<TossClient> toss;
    private final PaymentSettlement settlement;

    VirtualAccountClosing(Supplier<DataSource> dataSource, Supplier<TossClient> toss, PaymentSettlement settlement) {
        this.dataSource = dataSource;
        this.toss = toss;
        this.settlement = settlement;
    }

    static String cancelKey(String orderId, int attempt) {
        return "cancel-" + orderId + "-" + attempt;
    }

    /**
     * Records {@code reason} as the order's cancel reason, then closes its account at Toss with it.
     *
     * @throws TossException         Toss refused (a definite refusal has already moved the order to its next key)
     * @throws TossClient.Unanswered Toss did not answer; closing again is safe
     */
    void close(OrderRepository.Row order, String reason) {
        long id = order.view().id();
        int attempt = Transaction.run(dataSource.get(), c -> {
            OrderRepository.setCancelReason(c, id, reason);
            return OrderRepository.cancelAttempt(c, id);
        });
        try {
            settlement.settle(id, order.checkIn(), toss.get().cancel(order.paymentKey(), reason, null,
                    cancelKey(order.view().orderId(), attempt)));
        } catch (TossException e) {
            if (e.alreadyCanceled()) {
                settlement.settle(id, order.checkIn(), toss.get().byPaymentKey(order.paymentKey()));
                return;
            }
            if (!e.retryable()) {
                Transaction.autocommit(dataSource.get(), c -> OrderRepository.nextCancelAttempt(c, id, attempt));
            }
            throw e;
        }
    }
}
