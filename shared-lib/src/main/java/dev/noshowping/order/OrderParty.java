package dev.noshowping.order;

import dev.noshowping.identity.Caller;


/** Who is asking about an order, and so what of it they see. */
public enum OrderParty {
    BUYER, SELLER, ADMIN;

    /** The caller's part in the order; empty (null) for anyone else, who learns nothing of it. */
    static OrderParty of(Caller caller, OrderRepository.Row order) {
        if (order.buyerSubject().equals(caller.subject())) {
            return BUYER;
        }
        if (order.sellerSubject().equals(caller.subject())) {
            return SELLER;
        }
        return caller.isAdmin() ? ADMIN : null;
    }

    /**
     * The order as this party sees it. The seller learns the guest only once the order is paid (a
     * hold must not hand out names), and never the buyer's payment: its key and virtual account
     * are the buyer's business.
     */
    public OrderView view(OrderView order) {
        return switch (this) {
            case BUYER, ADMIN -> order;
            case SELLER -> order.with(null, order.state().paid() ? order.guest() : null);
        };
    }
}
