package dev.noshowping.log;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch metrics written as log lines in the embedded metric format: Lambda's log stream carries
 * them, CloudWatch extracts the figures, and no agent, SDK call or dependency is needed. Each line
 * is one {@link JsonLog} line with the {@code _aws} directive, the stage as the only dimension.
 */
public final class Metrics {

    public static final String NAMESPACE = "Noshowping";

    /** The units CloudWatch knows that our figures use. */
    public enum Unit { Count, Milliseconds, Seconds }

    /** One figure and its unit. */
    public record Figure(double value, Unit unit) {

        public static Figure count(long n) {
            return new Figure(n, Unit.Count);
        }

        public static Figure millis(double ms) {
            return new Figure(ms, Unit.Milliseconds);
        }

        public static Figure seconds(double s) {
            return new Figure(s, Unit.Seconds);
        }
    }

    private Metrics() {
    }

    /** Writes {@code figures} for this deployment's stage ({@code STAGE}; "local" without one). */
    public static void emit(Map<String, Figure> figures) {
        emit(dev.noshowping.config.Environment.current().get("STAGE", "local"), figures);
    }

    /** Writes {@code figures} (metric name → figure) for {@code stage} as one line. */
    public static void emit(String stage, Map<String, Figure> figures) {
        JsonLog.info("metrics", line(stage, figures, System.currentTimeMillis()));
    }

    /** The line's fields besides JsonLog's own: the directive, the dimension, each figure by name. */
    static Map<String, Object> line(String stage, Map<String, Figure> figures, long epochMillis) {
        List<Map<String, String>> definitions = new ArrayList<>();
        figures.forEach((name, f) -> definitions.add(Map.of("Name", name, "Unit", f.unit().name())));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("_aws", Map.of("Timestamp", epochMillis, "CloudWatchMetrics", List.of(Map.of(
                "Namespace", NAMESPACE, "Dimensions", List.of(List.of("Stage")), "Metrics", definitions))));
        fields.put("Stage", stage);
        figures.forEach((name, f) -> fields.put(name, f.value()));
        return fields;
    }
}
