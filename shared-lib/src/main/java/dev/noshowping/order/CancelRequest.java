package dev.noshowping.order;

/** {@code POST /orders/{id}/cancel} body; the refund account only for a deposited virtual account. */
public record CancelRequest(String reason, RefundAccount refundAccount) {

    public record RefundAccount(String bank, String accountNumber, String holderName) {
    }
}
