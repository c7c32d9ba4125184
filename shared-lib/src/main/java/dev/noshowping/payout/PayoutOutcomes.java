package dev.noshowping.payout;

import dev.noshowping.outbox.Outbox;
import dev.noshowping.payment.payout.PayoutStatus;
import dev.noshowping.payment.payout.TossPayout;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records what Toss says of one of our payouts, from a run's look-up or the {@code payout.changed}
 * webhook alike: the seller hears of money sent, staff of a failure, once per change.
 */
final class PayoutOutcomes {

    private PayoutOutcomes() {
    }

    static void record(Connection c, PayoutRepository.Payout p, TossPayout at) throws SQLException {
        PayoutState state = switch (at.status()) {
            case COMPLETED -> PayoutState.COMPLETED;
            case FAILED, CANCELED -> PayoutState.FAILED;
            default -> PayoutState.REQUESTED;
        };
        String code = at.failure() != null ? at.failure().code()
                : at.status() == PayoutStatus.CANCELED ? PayoutStatus.CANCELED.name() : null;
        String message = at.failure() == null ? null : at.failure().message();
        if (!PayoutRepository.record(c, p.id(), at.id(), state, code, message)) {
            return;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("payoutId", p.id());
        payload.put("merchantId", p.merchantId());
        payload.put("sellerUserId", p.sellerUserId());
        payload.put("amount", p.amount());
        payload.put("attempt", p.attempt());
        if (state == PayoutState.COMPLETED) {
            Outbox.add(c, "payout.completed", payload);
        } else if (state == PayoutState.FAILED) {
            payload.put("code", code);
            payload.put("message", message == null ? "" : message);
            payload.put("givingUp", p.attempt() >= PayoutRun.MAX_ATTEMPTS);
            Outbox.add(c, "payout.failed", payload);
        }
    }
}
