package dev.noshowping.domain;

/** A payment provider gave no answer we can act on; trying again later is safe. */
public final class ProviderUnavailable extends DomainException {

    public ProviderUnavailable(String message) {
        super(message);
    }
}
