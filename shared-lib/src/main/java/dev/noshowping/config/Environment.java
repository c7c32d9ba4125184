package dev.noshowping.config;

import java.util.Map;
import java.util.Optional;

/**
 * Typed access to the function's configuration, which in Lambda is its environment variables.
 *
 * <p>Every read names the variable, so a missing or malformed one fails with a message that
 * says exactly which variable to set. The local stack and tests run handlers in one JVM, where the
 * process environment cannot be changed, so they {@link #install(Map) install} their own map.
 */
public final class Environment {

    private static volatile Environment current = new Environment(System.getenv(), true);

    private final Map<String, String> variables;
    private final boolean process;

    public Environment(Map<String, String> variables) {
        this(variables, false);
    }

    private Environment(Map<String, String> variables, boolean process) {
        this.variables = Map.copyOf(variables);
        this.process = process;
    }

    /** True in Lambda: the variables are the process's, which the AWS SDK also reads by itself. */
    public boolean isProcessEnvironment() {
        return process;
    }

    /** The environment handlers read: the process environment unless a runner installed another. */
    public static Environment current() {
        return current;
    }

    /** For runners that host handlers in-process (local stack, tests): replaces what handlers read. */
    public static void install(Map<String, String> variables) {
        current = new Environment(variables);
    }

    public Optional<String> optional(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    public String require(String name) {
        return optional(name).orElseThrow(() -> new ConfigurationException(
                "environment variable " + name + " is not set"));
    }

    public String get(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    public int getInt(String name, int fallback) {
        return optional(name).map(v -> parseInt(name, v)).orElse(fallback);
    }

    public int requireInt(String name) {
        return parseInt(name, require(name));
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigurationException(
                    "environment variable " + name + " must be an integer, got '" + value + "'");
        }
    }

    public Map<String, String> asMap() {
        return variables;
    }
}
