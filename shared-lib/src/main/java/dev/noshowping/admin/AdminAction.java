package dev.noshowping.admin;

import java.time.Instant;

/** One action of staff as the audit log shows it: who, what, on which row, why and when. */
public record AdminAction(long id, String adminSubject, AdminActionKind kind, AdminTarget targetType, long targetId,
                          String reason, Instant createdAt) {
}
