package dev.noshowping.domain;

/** The caller is known but may not do this: not the party (or staff) the action belongs to. */
public final class Forbidden extends DomainException {

    public Forbidden(String message) {
        super(message);
    }
}
