package dev.noshowping.config;

/** A deployment mistake (missing or malformed variable): fails the init, never a caller's request. */
public final class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
        super(message);
    }
}
