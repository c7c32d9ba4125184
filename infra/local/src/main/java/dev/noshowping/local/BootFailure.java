package dev.noshowping.local;

/**
 * A step of the local stack's start failed; the message names the step and says what went wrong in
 * one line, which {@code ./run.sh} prints instead of a stack trace.
 */
public final class BootFailure extends RuntimeException {

    private final String step;

    BootFailure(String step, Throwable cause) {
        super(step + ": " + reason(cause), cause);
        this.step = step;
    }

    BootFailure(String step, String reason) {
        super(step + ": " + reason);
        this.step = step;
    }

    public String step() {
        return step;
    }

    private static String reason(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }
}
