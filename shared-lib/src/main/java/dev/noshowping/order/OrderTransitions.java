package dev.noshowping.order;

import static dev.noshowping.order.OrderStatus.*;

import dev.noshowping.article.ArticleStatus;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The order's life in one table: state × event → next state, or a refusal. Pure: no I/O. The
 * repositories apply a move as an UPDATE guarded by the state it starts from ({@link #from}), so a
 * move that lost a race finds nothing to update.
 */
public final class OrderTransitions {

    private static final Map<OrderEvent, Map<OrderStatus, OrderStatus>> TABLE = new EnumMap<>(OrderEvent.class);

    static {
        move(OrderEvent.CONFIRM_STARTED, CONFIRMING, PENDING);
        move(OrderEvent.DEPOSIT_AWAITED, WAITING_FOR_DEPOSIT, CONFIRMING);
        move(OrderEvent.PAYMENT_DONE, PAID, CONFIRMING, WAITING_FOR_DEPOSIT);
        move(OrderEvent.PAYMENT_FAILED, FAILED, CONFIRMING);
        move(OrderEvent.HOLD_EXPIRED, EXPIRED, PENDING);
        move(OrderEvent.PAYMENT_EXPIRED, EXPIRED, CONFIRMING, WAITING_FOR_DEPOSIT);
        move(OrderEvent.BUYER_CANCELED, CANCELED, PENDING);
        // before a deposit nothing was taken (CANCELED); after it, Toss's cancel is a refund, whether
        // we asked for it (REFUNDING) or staff did it in Toss's console
        move(OrderEvent.PAYMENT_CANCELED, CANCELED, CONFIRMING, WAITING_FOR_DEPOSIT);
        move(OrderEvent.PAYMENT_CANCELED, REFUNDED, PAID, TRANSFERRED, DISPUTED, REFUNDING);
        move(OrderEvent.TRANSFERRED, TRANSFERRED, PAID);
        move(OrderEvent.RECEIVED, COMPLETED, TRANSFERRED);
        move(OrderEvent.AUTO_CONFIRMED, COMPLETED, TRANSFERRED);
        move(OrderEvent.DISPUTED, DISPUTED, PAID, TRANSFERRED);
        move(OrderEvent.SELLER_CANCELED, REFUNDING, PAID);
        move(OrderEvent.TRANSFER_DEADLINE_MISSED, REFUNDING, PAID);
        move(OrderEvent.RESOLVED_WITH_REFUND, REFUNDING, DISPUTED);
        move(OrderEvent.RESOLVED_WITH_RELEASE, COMPLETED, DISPUTED);
        move(OrderEvent.REFUND_DONE, REFUNDED, REFUNDING);
        move(OrderEvent.PARTIAL_REFUND_DONE, PARTIALLY_REFUNDED, REFUNDING);
    }

    /** An article's move that follows its order's: from the state it must be in, to the new one. */
    public record ArticleMove(ArticleStatus from, ArticleStatus to) {
    }

    private OrderTransitions() {
    }

    /**
     * What the article does when its order reaches {@code order}: sold when paid; back on sale when
     * the order ends before any money (the next buyer may have it); out of the catalogue for good
     * when a paid order is refunded in full (the booking's fate is unclear: the seller may have
     * used or cancelled it). Other states leave it as it is.
     */
    public static Optional<ArticleMove> articleFollows(OrderStatus order) {
        return Optional.ofNullable(switch (order) {
            case PAID -> new ArticleMove(ArticleStatus.RESERVED, ArticleStatus.SOLD);
            case CANCELED, EXPIRED, FAILED -> new ArticleMove(ArticleStatus.RESERVED, ArticleStatus.ON_SALE);
            case REFUNDED -> new ArticleMove(ArticleStatus.SOLD, ArticleStatus.WITHDRAWN);
            default -> null;
        });
    }

    private static void move(OrderEvent event, OrderStatus to, OrderStatus... from) {
        Map<OrderStatus, OrderStatus> moves = TABLE.computeIfAbsent(event, e -> new EnumMap<>(OrderStatus.class));
        for (OrderStatus f : from) {
            if (moves.putIfAbsent(f, to) != null) {
                throw new IllegalStateException(event + " from " + f + " is declared twice");
            }
        }
    }

    /** The state {@code event} leads to from {@code from}; empty when that state refuses it. */
    public static Optional<OrderStatus> next(OrderStatus from, OrderEvent event) {
        return Optional.ofNullable(TABLE.getOrDefault(event, Map.of()).get(from));
    }

    /** {@link #next}, or the refusal naming the state that refused it. */
    public static OrderStatus require(OrderStatus from, OrderEvent event) {
        return next(from, event).orElseThrow(() -> new TransitionRefused(from, event));
    }

    /** The states {@code event} can start from: the guard of the UPDATE that applies it. */
    public static Set<OrderStatus> from(OrderEvent event) {
        Map<OrderStatus, OrderStatus> moves = TABLE.getOrDefault(event, Map.of());
        return moves.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(moves.keySet()));
    }

    /** The states {@code event} leads to from a state in {@code from}, and which. */
    public static Map<OrderStatus, OrderStatus> moves(OrderEvent event) {
        return Collections.unmodifiableMap(TABLE.getOrDefault(event, Map.of()));
    }
}
