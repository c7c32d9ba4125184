package dev.noshowping.order;

import dev.noshowping.db.Transaction;
import dev.noshowping.http.Caller;
import dev.noshowping.http.Problem;
import dev.noshowping.http.ProblemException;
import dev.noshowping.http.Validation;
import dev.noshowping.payment.TossClient;
import dev.noshowping.payment.TossException;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * {@code POST /orders/{id}/cancel} by the buyer or an admin: a hold ends at once; money moves back
 * through Toss's cancel (with its own Idempotency-Key, so a retried cancel refunds once).
 */
public final class CancelOrder {

    private static final Pattern BANK = Pattern.compile("^[0-9]{2,3}$");
    private static final Pattern ACCOUNT = Pattern.compile("^[0-9-]{6,30}$");

    private final Supplier<DataSource> dataSource;
    private final Supplier<TossClient> toss;
    private final PaymentSettlement settlement;

    public CancelOrder(Supplier<DataSource> dataSource, Supplier<TossClient> toss) {
        this.dataSource = dataSource;
        this.toss = toss;
        this.settlement = new PaymentSettlement(dataSource);
    }

    public OrderView cancel(Caller caller, long id, CancelRequest request) {
        Validation v = new Validation();
        v.text("reason", request.reason(), 1, 200);
        var refund = request.refundAccount();
        if (refund != null) {
            v.pattern("refundAccount.bank", refund.bank(), BANK, "a bank code such as 088");
            v.pattern("refundAccount.accountNumber", refund.accountNumber(), ACCOUNT, "an account number");
            v.text("refundAccount.holderName", refund.holderName(), 1, 50);
        }
        v.throwIfInvalid();

        var order = OrderReads.visible(caller, read(id), id);
        if (!caller.isAdmin() && !order.buyerSubject().equals(caller.subject())) {
            throw new ProblemException(Problem.forbidden("only the buyer or an admin cancels an order"));
        }
        String reason = request.reason().strip();
        switch (order.view().status()) {
            case "PENDING" -> {
                if (!settlement.end(id, "PENDING", "CANCELED", reason)) {
                    return cancel(caller, id, request); // it moved meanwhile: decide again on its new state
                }
            }
            case "WAITING_FOR_DEPOSIT" -> refund(order, reason, null);
            case "PAID" -> {
                boolean deposited = "VIRTUAL_ACCOUNT".equals(order.view().payment().method());
                if (deposited && refund == null) {
                    throw new ProblemException(Problem.validation("refundAccount",
                            "is required to refund a virtual-account payment"));
                }
                refund(order, reason, deposited ? Map.of("bank", refund.bank(),
                        "accountNumber", refund.accountNumber().replace("-", ""), "holderName", refund.holderName()) : null);
            }
            case "CANCELED" -> { } // already: answer with the order as it is
            case "CONFIRMING" -> throw new ProblemException(Problem.conflict(
                    "the payment of order " + id + " is being confirmed; try again in a minute"));
            default -> throw new ProblemException(Problem.conflict("order " + id + " is " + order.view().status()));
        }
        return read(id).view();
    }

    private void refund(OrderRepository.Row order, String reason, Map<String, String> refundAccount) {
        long id = order.view().id();
        Transaction.run(dataSource.get(), c -> {
            OrderRepository.setCancelReason(c, id, reason);
            return null;
        });
        try {
            settlement.settle(id, toss.get().cancel(order.paymentKey(), reason, refundAccount, "cancel-" + order.view().orderId()));
        } catch (TossException e) {
            if (e.code().equals("ALREADY_CANCELED_PAYMENT")) {
                settlement.settle(id, toss.get().byPaymentKey(order.paymentKey()));
                return;
            }
            throw new ProblemException(Problem.provider(e.status() >= 500 ? 502 : 400, "cancel-refused",
                    "Cancel refused", e.code(), e.tossMessage()));
        } catch (TossClient.Unanswered e) {
            throw new ProblemException(Problem.of(503, "provider-unavailable", "Payment provider unavailable",
                    "Toss did not answer; cancelling again is safe"));
        }
    }

    private OrderRepository.Row read(long id) {
        return Transaction.read(dataSource.get(), c -> OrderRepository.findById(c, id)).orElse(null);
    }
}
