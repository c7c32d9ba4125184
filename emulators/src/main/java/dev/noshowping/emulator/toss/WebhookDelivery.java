package dev.noshowping.emulator.toss;

/**
 * One webhook attempt made by {@link TossEmulator}: the event type ({@code DEPOSIT_CALLBACK} or
 * {@code PAYMENT_STATUS_CHANGED}), the HTTP status the receiver answered ({@code -1} when it could not
 * be reached or did not answer in time) and the exact body sent. Retries are separate entries.
 */
public record WebhookDelivery(String eventType, int status, String body) {
}
