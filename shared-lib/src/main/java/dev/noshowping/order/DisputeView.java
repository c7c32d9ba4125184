package dev.noshowping.order;

import java.time.Instant;
import java.util.List;

/** A dispute as the buyer who opened it and staff see it. */
public record DisputeView(long id, long orderId, String tossOrderId, long amount, String articleTitle,
                          DisputeReason reason, String description, List<Long> screenshotIds, DisputeStatus status,
                          DisputeOutcome outcome, Long refundAmount, String resolutionNote, Instant resolvedAt,
                          Instant createdAt) {
}
