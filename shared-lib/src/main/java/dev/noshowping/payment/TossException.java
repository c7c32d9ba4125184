package dev.noshowping.payment;

/** A Toss API answer that is not a payment: its HTTP status, Toss's {@code code} and {@code message}. */
public final class TossException extends RuntimeException {

    private final int status;
    private final String code;

    public TossException(int status, String code, String message) {
        super(code + ": " + message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String tossMessage() {
        String m = getMessage();
        return m.substring(m.indexOf(": ") + 2);
    }

    /**
     * Worth another attempt with the same Idempotency-Key: Toss's own or its provider's trouble.
     * Everything else (REJECT_*, INVALID_*, NOT_FOUND_*, ALREADY_*) is an answer.
     */
    public boolean retryable() {
        // IDEMPOTENT_REQUEST_PROCESSING (409): the first request with our key is still running at Toss
        return status >= 500 || (code != null && RETRYABLE.contains(code));
    }

    /** The payment was approved by an earlier confirm ({@code ALREADY_PROCESSED_PAYMENT}): read it, do not fail. */
    public boolean alreadyProcessed() {
        return "ALREADY_PROCESSED_PAYMENT".equals(code);
    }

    /** The payment was cancelled by an earlier request ({@code ALREADY_CANCELED_PAYMENT}): the cancel is done. */
    public boolean alreadyCanceled() {
        return "ALREADY_CANCELED_PAYMENT".equals(code);
    }

    private static final java.util.Set<String> RETRYABLE = java.util.Set.of("PROVIDER_ERROR",
            "FAILED_INTERNAL_SYSTEM_PROCESSING", "IDEMPOTENT_REQUEST_PROCESSING",
            "FAILED_PAYMENT_INTERNAL_SYSTEM_PROCESSING", "UNKNOWN_PAYMENT_ERROR");
}
