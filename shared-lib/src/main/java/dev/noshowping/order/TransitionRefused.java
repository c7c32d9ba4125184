package dev.noshowping.order;

/** An event the order's state does not allow; the adapter answers 409 naming {@link #state()}. */
public final class TransitionRefused extends RuntimeException {

    private final OrderStatus state;
    private final OrderEvent event;

    public TransitionRefused(OrderStatus state, OrderEvent event) {
        super("an order that is " + state + " cannot be " + event, null, false, false);
        this.state = state;
        this.event = event;
    }

    public OrderStatus state() {
        return state;
    }

    public OrderEvent event() {
        return event;
    }
}
