package dev.noshowping.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the local stack needs from {@code template.yaml}: functions with their handlers, routes,
 * queues, schedules and authorizer settings. The file is the single source: a route added there
 * is served locally without touching this module.
 *
 * <p>Short-form intrinsics ({@code !Ref X}, {@code !GetAtt X.Arn}) reach us as their scalar
 * text (the YAML reader drops the tag); long forms ({@code Fn::GetAtt}, {@code Ref}) as objects.
 * Both are resolved by {@link #logicalId(JsonNode)}.
 */
public record SamTemplate(Map<String, Function> functions, Map<String, Queue> queues, Map<String, String> buckets,
                          Jwt jwt, Map<String, String> parameterDefaults) {

    /** A route of the HTTP API. {@code authorized} is false for {@code Auth: {Authorizer: NONE}}. */
    public record HttpRoute(String method, String path, boolean authorized) {
        public String routeKey() {
            return method + " " + path;
        }
    }

    /** An SQS event source; {@code batchingWindowSeconds} is {@code MaximumBatchingWindowInSeconds} (0: none). */
    public record SqsSource(String queue, int batchSize, boolean reportBatchItemFailures, int maximumConcurrency,
                            int batchingWindowSeconds) {

        public SqsSource(String queue, int batchSize, boolean reportBatchItemFailures, int maximumConcurrency) {
            this(queue, batchSize, reportBatchItemFailures, maximumConcurrency, 0);
        }
    }

    public record Schedule(String expression, boolean enabled) {
    }

    /** An S3 notification: objects created in {@code bucket} (logical id) under {@code prefix}. */
    public record S3Source(String bucket, String prefix) {
    }

    /** @param codeUri the deployment jar, relative to the template (SAM's {@code CodeUri}) */
    public record Function(String logicalId, String handler, String codeUri, int timeoutSeconds, int memoryMb,
                           Map<String, String> environment, List<HttpRoute> routes, List<SqsSource> sqs,
                           List<Schedule> schedules, List<S3Source> s3) {
        public String trigger() {
            if (!routes.isEmpty()) {
                return "http";
            }
            if (!sqs.isEmpty()) {
                return "sqs";
            }
            if (!s3.isEmpty()) {
                return "s3";
            }
            return schedules.isEmpty() ? "direct" : "schedule";
        }
    }

    public record Queue(String logicalId, int visibilityTimeoutSeconds, String deadLetterQueue, int maxReceiveCount,
                        int messageRetentionSeconds) {
    }

    public record Jwt(String issuer, List<String> audience, boolean defaultAuthorizer) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public static SamTemplate read(Path file) {
        try {
            return parse(YAML.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static SamTemplate parse(JsonNode root) {
        Map<String, String> parameters = new LinkedHashMap<>();
        root.path("Parameters").properties().forEach(p -> {
            if (p.getValue().has("Default")) {
                parameters.put(p.getKey(), p.getValue().get("Default").asText());
            }
        });
        JsonNode globals = root.path("Globals").path("Function");
        Map<String, Function> functions = new LinkedHashMap<>();
        Map<String, Queue> queues = new LinkedHashMap<>();
        // logical id → its BucketName expression (null: let the stack name it)
        Map<String, String> buckets = new LinkedHashMap<>();
        Jwt jwt = null;
        for (var entry : root.path("Resources").properties()) {
            String id = entry.getKey();
            JsonNode resource = entry.getValue();
            JsonNode props = resource.path("Properties");
            switch (resource.path("Type").asText()) {
                case "AWS::Serverless::Function" -> functions.put(id, function(id, props, globals));
                case "AWS::SQS::Queue" -> queues.put(id, queue(id, props));
                case "AWS::S3::Bucket" -> buckets.put(id, props.has("BucketName") ? referenceText(props.get("BucketName")) : null);
                case "AWS::Serverless::HttpApi" -> jwt = jwt(props, parameters);
                default -> { }
            }
        }
        if (jwt == null) {
            jwt = new Jwt(null, List.of(), false);
        }
        return new SamTemplate(functions, queues, java.util.Collections.unmodifiableMap(buckets), jwt, parameters);
    }

    private static Function function(String id, JsonNode props, JsonNode globals) {
        // name → the value's text: a literal, or the logical id / parameter a !Ref names
        Map<String, String> env = new LinkedHashMap<>();
        globals.path("Environment").path("Variables").properties()
                .forEach(v -> env.put(v.getKey(), referenceText(v.getValue())));
        props.path("Environment").path("Variables").properties()
                .forEach(v -> env.put(v.getKey(), referenceText(v.getValue())));
        List<HttpRoute> routes = new ArrayList<>();
        List<SqsSource> sqs = new ArrayList<>();
        List<Schedule> schedules = new ArrayList<>();
        List<S3Source> s3 = new ArrayList<>();
        for (var event : props.path("Events").properties()) {
            JsonNode ep = event.getValue().path("Properties");
            switch (event.getValue().path("Type").asText()) {
                case "HttpApi" -> routes.add(new HttpRoute(
                        ep.path("Method").asText("ANY").toUpperCase(java.util.Locale.ROOT),
                        ep.path("Path").asText(),
                        !"NONE".equals(ep.path("Auth").path("Authorizer").asText(""))));
                case "SQS" -> sqs.add(new SqsSource(
                        logicalId(ep.path("Queue")),
                        ep.path("BatchSize").asInt(10),
                        containsText(ep.path("FunctionResponseTypes"), "ReportBatchItemFailures"),
                        ep.path("ScalingConfig").path("MaximumConcurrency").asInt(2),
                        ep.path("MaximumBatchingWindowInSeconds").asInt(0)));
                case "Schedule", "ScheduleV2" -> schedules.add(new Schedule(
                        ep.has("ScheduleExpression") ? ep.path("ScheduleExpression").asText() : ep.path("Schedule").asText(),
                        !ep.has("Enabled") || ep.path("Enabled").asBoolean(true)
                                && !"DISABLED".equals(ep.path("State").asText(""))));
                case "S3" -> {
                    String prefix = "";
                    for (JsonNode rule : ep.path("Filter").path("S3Key").path("Rules")) {
                        if ("prefix".equalsIgnoreCase(rule.path("Name").asText())) {
                            prefix = rule.path("Value").asText();
                        }
                    }
                    s3.add(new S3Source(logicalId(ep.path("Bucket")), prefix));
                }
                default -> { }
            }
        }
        routes.sort(Comparator.comparing(HttpRoute::routeKey));
        return new Function(id,
                props.path("Handler").asText(globals.path("Handler").asText()),
                props.path("CodeUri").asText(globals.path("CodeUri").asText()),
                props.path("Timeout").asInt(globals.path("Timeout").asInt(3)),
                props.path("MemorySize").asInt(globals.path("MemorySize").asInt(128)),
                java.util.Collections.unmodifiableMap(env), List.copyOf(routes), List.copyOf(sqs), List.copyOf(schedules),
                List.copyOf(s3));
    }

    private static Queue queue(String id, JsonNode props) {
        JsonNode redrive = props.path("RedrivePolicy");
        return new Queue(id,
                props.path("VisibilityTimeout").asInt(30),
                redrive.isMissingNode() ? null : logicalId(redrive.path("deadLetterTargetArn")),
                redrive.path("maxReceiveCount").asInt(0),
                props.path("MessageRetentionPeriod").asInt(345_600));
    }

    private static Jwt jwt(JsonNode props, Map<String, String> parameters) {
        JsonNode auth = props.path("Auth");
        String defaultAuthorizer = auth.path("DefaultAuthorizer").asText("");
        JsonNode config = auth.path("Authorizers").path(defaultAuthorizer).path("JwtConfiguration");
        String issuer = resolve(config.path("issuer"), parameters);
        List<String> audience = new ArrayList<>();
        config.path("audience").forEach(a -> audience.add(resolve(a, parameters)));
        return new Jwt(issuer, List.copyOf(audience), !defaultAuthorizer.isEmpty());
    }

    /** A {@code !Ref Param} resolved to the parameter's default; literals as they are. */
    private static String resolve(JsonNode node, Map<String, String> parameters) {
        String name = node.isObject() ? node.path("Ref").asText() : node.asText();
        return parameters.getOrDefault(name, name);
    }

    private static String referenceText(JsonNode node) {
        if (node.isObject() && node.has("Ref")) {
            return node.get("Ref").asText();
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    /** {@code !GetAtt Queue.Arn}, {@code Fn::GetAtt: [Queue, Arn]}, {@code !Ref Queue} → {@code Queue}. */
    static String logicalId(JsonNode node) {
        if (node.isObject()) {
            if (node.has("Ref")) {
                return node.get("Ref").asText();
            }
            JsonNode getAtt = node.path("Fn::GetAtt");
            return getAtt.isArray() ? getAtt.get(0).asText() : stripAttribute(getAtt.asText());
        }
        return stripAttribute(node.asText());
    }

    private static String stripAttribute(String text) {
        int dot = text.indexOf('.');
        return dot < 0 ? text : text.substring(0, dot);
    }

    private static boolean containsText(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.asText())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A {@code !Sub} string with its {@code ${…}} resolved: parameters to their defaults, pseudo
     * parameters to local values. Unknown names stay as they are.
     */
    public String substitute(String text, String region) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{([A-Za-z0-9:]+)}").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = switch (name) {
                case "AWS::AccountId" -> "000000000000";
                case "AWS::Region" -> region;
                case "AWS::StackName" -> "noshowping-local";
                case "AWS::Partition" -> "aws";
                default -> parameterDefaults.getOrDefault(name, m.group());
            };
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    public Optional<Function> function(String logicalId) {
        return Optional.ofNullable(functions.get(logicalId));
    }
}
