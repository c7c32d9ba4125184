package dev.noshowping.log;

import dev.noshowping.json.Json;
import dev.noshowping.privacy.PhoneMask;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object per line on stdout, which CloudWatch stores as a structured event.
 *
 * <p>Fields are given by the caller in the order they should read; {@code time}, {@code level}
 * and {@code message} come first. Never pass secrets, tokens or full account numbers; phone numbers
 * are masked in every line ({@link PhoneMask}).
 */
public final class JsonLog {

    private static volatile PrintStream out = System.out;

    private JsonLog() {
    }

    public static void info(String message, Map<String, ?> fields) {
        write("INFO", message, fields, null);
    }

    public static void warn(String message, Map<String, ?> fields) {
        write("WARN", message, fields, null);
    }

    public static void error(String message, Map<String, ?> fields, Throwable error) {
        write("ERROR", message, fields, error);
    }

    private static void write(String level, String message, Map<String, ?> fields, Throwable error) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("level", level);
        line.put("message", message);
        line.putAll(fields);
        if (error != null) {
            line.put("error", error.toString());
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            line.put("stackTrace", trace.toString());
        }
        // a number quoted by a provider or a message must not reach the logs whole
        out.println(PhoneMask.in(Json.write(line)));
    }

    /**
     * Sends the lines elsewhere. For hosts that run handlers in-process (the local stack keeps the
     * console for one line per invocation and writes function logs to a file, as CloudWatch would).
     */
    public static void redirectTo(PrintStream stream) {
        out = stream;
    }

    /** Milliseconds since {@code startNanos}, to two decimals: latency fields read the same everywhere. */
    public static double millisSince(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 10_000.0) / 100.0;
    }
}
