package dev.noshowping.domain;

/** The thing does not exist, or not for this caller (someone else's order is as good as none). */
public final class NotFound extends DomainException {

    public NotFound(String message) {
        super(message);
    }
}
