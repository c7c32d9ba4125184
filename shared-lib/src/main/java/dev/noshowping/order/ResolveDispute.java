package dev.noshowping.order;

import dev.noshowping.admin.AdminActionKind;
import dev.noshowping.admin.AdminActionRepository;
import dev.noshowping.db.Transaction;
import dev.noshowping.domain.Invalid;
import dev.noshowping.domain.NotFound;
import dev.noshowping.domain.Validation;
import dev.noshowping.domain.WrongState;
import dev.noshowping.identity.Caller;
import dev.noshowping.user.UserRepository;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * {@code POST /admin/disputes/{id}/resolve}: staff decide. A release completes the order (the
 * seller's settlement); a refund, full or partial, moves it to REFUNDING with the refund owed, in
 * the same transaction as the decision, and then asks Toss. If Toss refuses, the decision stands,
 * the order stays REFUNDING and maintenance retries with a new key.
 */
public final class ResolveDispute {

    private final Supplier<DataSource> dataSource;
    private final Refunds refunds;
    private final OrderCompletion completion;

    public ResolveDispute(Supplier<DataSource> dataSource, Refunds refunds, OrderPolicy policy) {
        this.dataSource = dataSource;
        this.refunds = refunds;
        this.completion = new OrderCompletion(policy);
    }

    /** The dispute after the decision, and what became of the refund (null for a release). */
    public record Resolved(DisputeView dispute, OrderView order, Refunds.Outcome refund) {
    }

    public Resolved resolve(Caller caller, long disputeId, DisputeResolution request) {
        caller.requireAdmin("only staff resolve disputes");
        Validation v = new Validation();
        DisputeOutcome outcome = v.oneOf("outcome", request.outcome(), DisputeOutcome.class);
        if (outcome == DisputeOutcome.PARTIAL_REFUND) {
            v.required("amount", request.amount());
        } else if (request.amount() != null) {
            v.add("amount", "is only for PARTIAL_REFUND");
        }
        v.text("note", request.note(), 1, 2000);
        v.throwIfInvalid();

        var dispute = Transaction.read(dataSource.get(), c -> DisputeRepository.find(c, disputeId))
                .orElseThrow(() -> new NotFound("no dispute " + disputeId));
        if (dispute.status() != DisputeStatus.OPEN) {
            throw new WrongState(dispute.status(), "dispute " + disputeId + " is already resolved");
        }
        var order = OrderAccess.read(dataSource, dispute.orderId());
        long amount = order.view().amount();
        if (outcome == DisputeOutcome.PARTIAL_REFUND && (request.amount() < 1 || request.amount() >= amount)) {
            throw new Invalid("amount",
                    "must be between 1 and " + (amount - 1) + " (less than the order's " + amount + ")");
        }
        DisputeOutcome decided = outcome;
        OrderEvent event = decided == DisputeOutcome.RELEASE ? OrderEvent.RESOLVED_WITH_RELEASE : OrderEvent.RESOLVED_WITH_REFUND;
        OrderTransitions.require(order.status(), event);
        long refundAmount = decided == DisputeOutcome.PARTIAL_REFUND ? request.amount() : amount;
        Transaction.run(dataSource.get(), c -> {
            long adminId = UserRepository.ensure(c, caller);
            if (!DisputeRepository.resolve(c, disputeId, decided, request.amount(), request.note().strip(), adminId)) {
                throw new WrongState(DisputeStatus.RESOLVED,
                        "dispute " + disputeId + " was resolved meanwhile");
            }
            boolean moved = decided == DisputeOutcome.RELEASE
                    ? completion.complete(c, order, event)
                    : RefundDecision.start(c, order, event, refundAmount, RefundRepository.Reason.DISPUTE);
            if (!moved) {
                throw new TransitionRefused(OrderRepository.findById(c, order.view().id()).orElseThrow().status(), event);
            }
            OrderNotifications.disputeResolved(c, order, decided, refundAmount);
            AdminActionRepository.record(c, caller.subject(), AdminActionKind.DISPUTE_RESOLVED, order.view().id(),
                    decided + (decided == DisputeOutcome.RELEASE ? "" : " " + refundAmount) + ": " + request.note().strip());
            return null;
        });
        Refunds.Outcome refund = decided == DisputeOutcome.RELEASE ? null : refunds.attempt(order.view().id(), null);
        return Transaction.read(dataSource.get(), c -> new Resolved(DisputeRepository.find(c, disputeId).orElseThrow(),
                OrderRepository.findById(c, order.view().id()).orElseThrow().view(), refund));
    }
}
