package dev.noshowping.order;

/** {@code POST /admin/disputes/{id}/resolve} body; {@code amount} only for a partial refund. */
public record DisputeResolution(String outcome, Long amount, String note) {
}
