package dev.noshowping.domain;

/**
 * Why a use case refused: the closed set of answers a use case gives besides its result. Each
 * adapter turns them into its own terms (the HTTP adapter into problem+json, in one place), so a
 * use case never speaks of statuses or media types.
 *
 * <p>No stack trace is kept: these are answers, not faults, and some are thrown by the hundred
 * under load (a burst of buyers refused a hold).
 */
public abstract sealed class DomainException extends RuntimeException
        permits NotFound, Forbidden, NotGenuine, Conflict, WrongState, Invalid, ProviderRefused, ProviderUnavailable, RateLimited {

    protected DomainException(String message) {
        super(message, null, false, false);
    }
}
