package dev.noshowping.order;

import java.util.List;

/** {@code POST /orders/{id}/disputes} body. */
public record DisputeRequest(String reason, String description, List<Long> screenshotIds) {
}
