package dev.noshowping.admin;

/** What a member of staff did; each is a row of {@code admin_action}. */
public enum AdminActionKind {
    MERCHANT_VERIFIED(AdminTarget.MERCHANT),
    MERCHANT_SUSPENDED(AdminTarget.MERCHANT),
    MERCHANT_REINSTATED(AdminTarget.MERCHANT),
    ARTICLE_TAKEN_DOWN(AdminTarget.ARTICLE),
    ARTICLE_RESTORED(AdminTarget.ARTICLE),
    /** Staff canceled an order (refunded in full when it was paid). */
    ORDER_CANCELED(AdminTarget.ORDER),
    /** Staff decided an order's dispute; the reason is the outcome and their note. */
    DISPUTE_RESOLVED(AdminTarget.ORDER),
    /** A failed payout sent again under a new refPayoutId, also after the run stopped trying. */
    PAYOUT_RETRIED(AdminTarget.PAYOUT),
    /** A payout kept from the run (a doubt about the seller) until released. */
    PAYOUT_HELD(AdminTarget.PAYOUT),
    PAYOUT_RELEASED(AdminTarget.PAYOUT),
    /** A crawl run started by staff (trigger MANUAL) instead of the schedule. */
    CRAWL_STARTED(AdminTarget.CRAWL_RUN),
    /** A keyword the crawler searches for from its next run on (new, or active again). */
    KEYWORD_ADDED(AdminTarget.CRAWL_KEYWORD),
    KEYWORD_DEACTIVATED(AdminTarget.CRAWL_KEYWORD),
    /** A dead-letter queue's messages moved back to the queue they failed in. */
    QUEUE_REDRIVEN(AdminTarget.QUEUE_REDRIVE);

    private final AdminTarget target;

    AdminActionKind(AdminTarget target) {
        this.target = target;
    }

    /** What the action's {@code targetId} names. */
    public AdminTarget target() {
        return target;
    }
}
