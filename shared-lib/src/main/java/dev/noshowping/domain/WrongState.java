package dev.noshowping.domain;

/**
 * The thing is in a state that refuses the request; {@link #state()} names it (an order that is
 * {@code COMPLETED}, a dispute {@code RESOLVED}), for clients to switch on. Open to subclasses
 * that say more, such as an order's refused transition.
 */
public non-sealed class WrongState extends DomainException {

    private final Enum<?> state;

    public WrongState(Enum<?> state, String message) {
        super(message);
        this.state = state;
    }

    public Enum<?> state() {
        return state;
    }
}
