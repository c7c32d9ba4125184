package dev.noshowping.domain;

/**
 * A payment provider (Toss) refused; {@link #code()} is its own code ({@code REJECT_CARD_PAYMENT} …),
 * for clients to act on, and {@link #providersFault()} whether the fault was on its side rather
 * than the request's.
 */
public final class ProviderRefused extends DomainException {

    /** What the provider refused. */
    public enum Operation {
        PAYMENT, CANCEL
    }

    private final Operation operation;
    private final String code;
    private final boolean providersFault;

    public ProviderRefused(Operation operation, String code, boolean providersFault, String message) {
        super(message);
        this.operation = operation;
        this.code = code;
        this.providersFault = providersFault;
    }

    public Operation operation() {
        return operation;
    }

    public String code() {
        return code;
    }

    public boolean providersFault() {
        return providersFault;
    }
}
