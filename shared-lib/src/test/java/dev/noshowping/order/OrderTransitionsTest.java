package dev.noshowping.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noshowping.article.ArticleStatus;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every (state, event) pair against the order's life as the architecture describes it, written out here on its own. */
class OrderTransitionsTest {

    /** The allowed moves, "FROM EVENT TO"; every pair not listed must be refused. */
    static final String[] ALLOWED = {
        "PENDING CONFIRM_STARTED CONFIRMING",
        "CONFIRMING DEPOSIT_AWAITED WAITING_FOR_DEPOSIT",
        "CONFIRMING PAYMENT_DONE PAID",
        "WAITING_FOR_DEPOSIT PAYMENT_DONE PAID",
        "CONFIRMING PAYMENT_FAILED FAILED",
        "PENDING HOLD_EXPIRED EXPIRED",
        "CONFIRMING PAYMENT_EXPIRED EXPIRED",
        "WAITING_FOR_DEPOSIT PAYMENT_EXPIRED EXPIRED",
        "PENDING BUYER_CANCELED CANCELED",
        "CONFIRMING PAYMENT_CANCELED CANCELED",
        "WAITING_FOR_DEPOSIT PAYMENT_CANCELED CANCELED",
        "PAID PAYMENT_CANCELED REFUNDED",
        "TRANSFERRED PAYMENT_CANCELED REFUNDED",
        "DISPUTED PAYMENT_CANCELED REFUNDED",
        "REFUNDING PAYMENT_CANCELED REFUNDED",
        "PAID TRANSFERRED TRANSFERRED",
        "TRANSFERRED RECEIVED COMPLETED",
        "TRANSFERRED AUTO_CONFIRMED COMPLETED",
        "PAID DISPUTED DISPUTED",
        "TRANSFERRED DISPUTED DISPUTED",
        "PAID SELLER_CANCELED REFUNDING",
        "PAID TRANSFER_DEADLINE_MISSED REFUNDING",
        "DISPUTED RESOLVED_WITH_REFUND REFUNDING",
        "DISPUTED RESOLVED_WITH_RELEASE COMPLETED",
        "REFUNDING REFUND_DONE REFUNDED",
        "REFUNDING PARTIAL_REFUND_DONE PARTIALLY_REFUNDED",
    };

    static Map<String, OrderStatus> expected() {
        Map<String, OrderStatus> moves = new HashMap<>();
        for (String m : ALLOWED) {
            String[] p = m.split(" ");
            moves.put(p[0] + " " + p[1], OrderStatus.valueOf(p[2]));
        }
        return moves;
    }

    @Test
    void everyPairOfStateAndEventMovesOrIsRefusedAsWrittenOut() {
        Map<String, OrderStatus> expected = expected();
        int pairs = 0;
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderEvent event : OrderEvent.values()) {
                var next = OrderTransitions.next(from, event);
                assertThat(next).as(from + " × " + event).isEqualTo(java.util.Optional.ofNullable(expected.get(from + " " + event)));
                pairs++;
            }
        }
        assertThat(pairs).isEqualTo(OrderStatus.values().length * OrderEvent.values().length);
    }

    @ParameterizedTest
    @EnumSource(OrderEvent.class)
    void theGuardOfEachEventIsExactlyTheStatesItMovesFrom(OrderEvent event) {
        for (OrderStatus s : OrderStatus.values()) {
            assertThat(OrderTransitions.from(event).contains(s)).as(s + " " + event)
                    .isEqualTo(OrderTransitions.next(s, event).isPresent());
        }
        assertThat(OrderTransitions.from(event)).as("every event moves some state").isNotEmpty();
    }

    @Test
    void endedOrdersNeverMoveAgainExceptARefundTossReportsForAPaidOne() {
        for (OrderStatus s : OrderStatus.values()) {
            if (!s.terminal()) {
                continue;
            }
            for (OrderEvent e : OrderEvent.values()) {
                assertThat(OrderTransitions.next(s, e)).as(s + " × " + e).isEmpty();
            }
        }
    }

    @Test
    void afterThePaymentOnlyADisputeOrTheSellerGetsTheMoneyBack() {
        // the buyer's own cancel exists only before the payment
        assertThat(OrderTransitions.from(OrderEvent.BUYER_CANCELED)).containsExactly(OrderStatus.PENDING);
        assertThat(OrderTransitions.from(OrderEvent.DISPUTED)).containsExactlyInAnyOrder(OrderStatus.PAID, OrderStatus.TRANSFERRED);
    }

    @Test
    void aRefusalNamesTheStateThatRefused() {
        assertThatThrownBy(() -> OrderTransitions.require(OrderStatus.COMPLETED, OrderEvent.DISPUTED))
                .isInstanceOfSatisfying(TransitionRefused.class, e -> {
                    assertThat(e.state()).isEqualTo(OrderStatus.COMPLETED);
                    assertThat(e.event()).isEqualTo(OrderEvent.DISPUTED);
                    assertThat(e.getMessage()).contains("COMPLETED");
                });
        assertThat(OrderTransitions.require(OrderStatus.PAID, OrderEvent.TRANSFERRED)).isEqualTo(OrderStatus.TRANSFERRED);
    }

    @Test
    void theArticleIsSoldWhenPaidFreedWhenUnpaidAndWithdrawnWhenRefunded() {
        assertThat(OrderTransitions.articleFollows(OrderStatus.PAID))
                .contains(new OrderTransitions.ArticleMove(ArticleStatus.RESERVED, ArticleStatus.SOLD));
        for (OrderStatus unpaid : new OrderStatus[] {OrderStatus.CANCELED, OrderStatus.EXPIRED, OrderStatus.FAILED}) {
            assertThat(OrderTransitions.articleFollows(unpaid))
                    .contains(new OrderTransitions.ArticleMove(ArticleStatus.RESERVED, ArticleStatus.ON_SALE));
        }
        assertThat(OrderTransitions.articleFollows(OrderStatus.REFUNDED))
                .contains(new OrderTransitions.ArticleMove(ArticleStatus.SOLD, ArticleStatus.WITHDRAWN));
        for (OrderStatus s : new OrderStatus[] {OrderStatus.TRANSFERRED, OrderStatus.COMPLETED, OrderStatus.DISPUTED,
                OrderStatus.REFUNDING, OrderStatus.PARTIALLY_REFUNDED, OrderStatus.PENDING}) {
            assertThat(OrderTransitions.articleFollows(s)).as(s.name()).isEmpty();
        }
    }
}
