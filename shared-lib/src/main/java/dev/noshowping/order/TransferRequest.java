package dev.noshowping.order;

import java.util.List;

/** {@code POST /orders/{id}/transfer} body: optional screenshots proving the booking is in the buyer's name. */
public record TransferRequest(List<Long> screenshotIds) {
}
