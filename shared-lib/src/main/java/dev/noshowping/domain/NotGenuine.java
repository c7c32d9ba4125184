package dev.noshowping.domain;

/** A message that claims to come from a provider but cannot prove it: its secret or signature does not match. */
public final class NotGenuine extends DomainException {

    public NotGenuine(String message) {
        super(message);
    }
}
