package dev.noshowping.order;

import dev.noshowping.admin.AdminActionKind;
import dev.noshowping.admin.AdminActionRepository;
import dev.noshowping.db.Transaction;
import dev.noshowping.domain.Forbidden;
import dev.noshowping.domain.ProviderRefused;
import dev.noshowping.domain.ProviderUnavailable;
import dev.noshowping.domain.Validation;
import dev.noshowping.domain.WrongState;
import dev.noshowping.identity.Caller;
import dev.noshowping.payment.TossClient;
import dev.noshowping.payment.TossException;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * {@code POST /orders/{id}/cancel}. Before the payment the buyer (or staff) ends the hold, or
 * cancels an unpaid virtual account. After it, the buyer cannot: a dispute is the only way back.
 * The seller (or staff) may cancel a paid order before transferring it: a full refund, decided
 * in one transaction, then carried out by {@link Refunds}. A buyer asked for a refund account (a
 * virtual-account payment being refunded) gives it here.
 */
public final class CancelOrder {

    /** The order after the cancel; {@code refundPending} when the refund is owed but not done yet. */
    public record Result(OrderView order, boolean refundPending) {
    }

    private static final Pattern BANK = Pattern.compile("^[0-9]{2,3}$");
    private static final Pattern ACCOUNT = Pattern.compile("^[0-9-]{6,30}$");

    private final Supplier<DataSource> dataSource;
    private final Supplier<TossClient> toss;
    private final PaymentSettlement settlement;
    private final Refunds refunds;
    private final VirtualAccountClosing accounts;

    public CancelOrder(Supplier<DataSource> dataSource, Supplier<TossClient> toss, OrderPolicy policy) {
        this.dataSource = dataSource;
        this.toss = toss;
        this.settlement = new PaymentSettlement(dataSource, policy);
        this.refunds = new Refunds(dataSource, toss, policy);
        this.accounts = new VirtualAccountClosing(dataSource, toss, settlement);
    }

    public Result cancel(Caller caller, long id, CancelRequest request) {
        Validation v = new Validation();
        v.text("reason", request.reason(), 1, 200);
        var refund = request.refundAccount();
        if (refund != null) {
            v.pattern("refundAccount.bank", refund.bank(), BANK, "a bank code such as 088");
            v.pattern("refundAccount.accountNumber", refund.accountNumber(), ACCOUNT, "an account number");
            v.text("refundAccount.holderName", refund.holderName(), 1, 50);
        }
        v.throwIfInvalid();

        var order = OrderAccess.read(dataSource, id);
        OrderParty party = OrderParty.of(caller, order);
        if (party == null) {
            throw OrderAccess.notFound(id);
        }
        String reason = request.reason().strip();
        switch (order.status()) {
            case PENDING -> {
                requireParty(party, order, OrderParty.BUYER, OrderParty.ADMIN);
                if (!settlement.end(id, OrderEvent.BUYER_CANCELED, reason)) {
                    return cancel(caller, id, request); // it moved meanwhile: decide again on its new state
                }
                recordIfStaff(caller, party, id, reason);
            }
            case WAITING_FOR_DEPOSIT -> {
                requireParty(party, order, OrderParty.BUYER, OrderParty.ADMIN);
                cancelUnpaid(order, reason);
                recordIfStaff(caller, party, id, reason);
            }
            case PAID -> {
                if (party == OrderParty.BUYER) {
                    throw new WrongState(order.status(), "order " + id
                            + " is paid: the seller is putting the booking in your name. If something is wrong, "
                            + "open a dispute (POST /orders/" + id + "/disputes)");
                }
                var why = party == OrderParty.SELLER ? RefundRepository.Reason.SELLER_CANCELED : RefundRepository.Reason.ADMIN;
                boolean decided = Transaction.run(dataSource.get(), c -> {
                    OrderRepository.setCancelReason(c, id, reason);
                    boolean started = RefundDecision.start(c, order, OrderEvent.SELLER_CANCELED, order.view().amount(), why);
                    if (started && party == OrderParty.ADMIN) {
                        AdminActionRepository.record(c, caller.subject(), AdminActionKind.ORDER_CANCELED, id, reason);
                    }
                    return started;
                });
                if (!decided) {
                    return cancel(caller, id, request);
                }
                refunds.attempt(id, null);
            }
            case REFUNDING -> {
                requireParty(party, order, OrderParty.BUYER, OrderParty.ADMIN);
                refunds.attempt(id, refund == null ? null : Map.of("bank", refund.bank(),
                        "accountNumber", refund.accountNumber().replace("-", ""), "holderName", refund.holderName()));
            }
            case CANCELED, REFUNDED -> { } // already: answer with the order as it is
            case CONFIRMING -> throw new WrongState(order.status(),
                    "the payment of order " + id + " is being confirmed; try again in a minute");
            default -> throw new TransitionRefused(order.status(), party == OrderParty.SELLER
                    ? OrderEvent.SELLER_CANCELED : OrderEvent.BUYER_CANCELED);
        }
        var after = OrderAccess.read(dataSource, id);
        return new Result(party.view(after.view()), after.status() == OrderStatus.REFUNDING);
    }

    /**
     * An unpaid order's cancel is written by the settlement's own transaction (which a buyer's
     * cancel shares), so staff's is logged right after it, in one of its own.
     */
    private void recordIfStaff(Caller caller, OrderParty party, long id, String reason) {
        if (party == OrderParty.ADMIN) {
            Transaction.run(dataSource.get(), c -> {
                AdminActionRepository.record(c, caller.subject(), AdminActionKind.ORDER_CANCELED, id, reason);
                return null;
            });
        }
    }

    private static void requireParty(OrderParty party, OrderRepository.Row order, OrderParty... allowed) {
        for (OrderParty p : allowed) {
            if (p == party) {
                return;
            }
        }
        throw new Forbidden("only the buyer or staff may cancel order " + order.view().id()
                + " while it is " + order.status());
    }

    /** A virtual account not paid yet: Toss cancels it; no money moved, so nothing is refunded. */
    private void cancelUnpaid(OrderRepository.Row order, String reason) {
        try {
            accounts.close(order, reason);
        } catch (TossException e) {
            throw new ProviderRefused(ProviderRefused.Operation.CANCEL, e.code(), e.status() >= 500, e.tossMessage());
        } catch (TossClient.Unanswered e) {
            throw new ProviderUnavailable("Toss did not answer; cancelling again is safe");
        }
    }
}
