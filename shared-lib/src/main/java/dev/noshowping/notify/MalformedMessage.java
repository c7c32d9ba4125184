package dev.noshowping.notify;

/** A message no retry can deliver (not ours, unknown topic, payload missing a field): it belongs in the DLQ. */
public final class MalformedMessage extends RuntimeException {

    public MalformedMessage(String message) {
        super(message, null, false, false);
    }
}
