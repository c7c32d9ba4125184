package dev.noshowping.notify;

import java.time.Duration;

/** How one send ended, as the notification record and the queue need to know it. */
public sealed interface SendOutcome {

    /** The provider took the message; {@code providerId} is its id when it gives one. */
    record Sent(String providerId) implements SendOutcome {
    }

    /** Refused for good (invalid number, unknown template, 4xx): recorded, never retried. */
    record Rejected(String error) implements SendOutcome {
    }

    /** Not sent, on purpose (no phone number, channel disabled): recorded, never retried. */
    record Skipped(String reason) implements SendOutcome {
    }

    /** Worth another try later (5xx, timeout, 429): {@code after} is the provider's hint, if any. */
    record Retry(String error, Duration after) implements SendOutcome {
    }
}
