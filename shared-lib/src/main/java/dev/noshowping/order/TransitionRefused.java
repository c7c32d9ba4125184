package dev.noshowping.order;

import dev.noshowping.domain.WrongState;

/** An event the order's state does not allow; {@link #state()} names the state that refused. */
public final class TransitionRefused extends WrongState {

    private final OrderStatus state;
    private final OrderEvent event;

    public TransitionRefused(OrderStatus state, OrderEvent event) {
        super(state, "an order that is " + state + " cannot be " + event);
        this.state = state;
        this.event = event;
    }

    @Override
    public OrderStatus state() {
        return state;
    }

    public OrderEvent event() {
        return event;
    }
}
