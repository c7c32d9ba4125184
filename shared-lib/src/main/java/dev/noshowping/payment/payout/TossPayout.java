package dev.noshowping.payment.payout;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Toss's Payout object, the fields we use. {@code failure} is null unless the payout FAILED.
 * Absent or null fields read as null: Toss adds fields without a new version, so parsing is lenient.
 */
public record TossPayout(String id, String refPayoutId, String destination, long amount, ScheduleType scheduleType,
        LocalDate payoutDate, PayoutStatus status, PayoutFailure failure, OffsetDateTime requestedAt) {

    static TossPayout from(JsonNode p) {
        JsonNode error = p.path("error");
        return new TossPayout(
                text(p, "id"),
                text(p, "refPayoutId"),
                text(p, "destination"),
                p.path("amount").path("value").asLong(),
                p.hasNonNull("scheduleType") ? ScheduleType.valueOf(p.get("scheduleType").asText()) : null,
                p.hasNonNull("payoutDate") ? LocalDate.parse(p.get("payoutDate").asText()) : null,
                PayoutStatus.of(text(p, "status")),
                error.isObject() ? new PayoutFailure(text(error, "code"), text(error, "message")) : null,
                p.hasNonNull("requestedAt") ? OffsetDateTime.parse(p.get("requestedAt").asText()) : null);
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
