package dev.noshowping.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.noshowping.identity.Caller;
import dev.noshowping.json.Json;
import dev.noshowping.lambda.Deadline;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Read side of an API Gateway HTTP API (payload 2.0) event: route, parameters, caller, JSON body.
 * Every way a caller can get the request wrong ends in a {@link ProblemException} with a 4xx.
 */
public final class ApiRequest {

    /** Bodies above this are refused before parsing (API Gateway itself caps payloads at 10 MB). */
    public static final int MAX_BODY_BYTES = 256 * 1024;
    private static final java.util.regex.Pattern ASCII_DIGITS = java.util.regex.Pattern.compile("[0-9]{1,19}");

    private final APIGatewayV2HTTPEvent event;
    private final Context context;

    public ApiRequest(APIGatewayV2HTTPEvent event, Context context) {
        this.event = event;
        this.context = context;
    }

    public APIGatewayV2HTTPEvent event() {
        return event;
    }

    /** {@code "POST /articles/{id}"}, as declared in template.yaml. */
    public String routeKey() {
        return event.getRouteKey();
    }

    /** {@code margin} before this invocation's timeout: when a use case must stop trying and answer. */
    public Deadline deadline(java.time.Duration margin) {
        return Deadline.of(context, margin);
    }

    public String requestId() {
        var rc = event.getRequestContext();
        if (rc != null && rc.getRequestId() != null) {
            return rc.getRequestId();
        }
        return context == null ? "unknown" : context.getAwsRequestId();
    }

    /** HTTP API lower-cases header names; look-ups here are case-insensitive either way. */
    public Optional<String> header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (var e : headers.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(lower)) {
                return Optional.ofNullable(e.getValue());
            }
        }
        return Optional.empty();
    }

    public String pathParameter(String name) {
        Map<String, String> params = event.getPathParameters();
        String value = params == null ? null : params.get(name);
        if (value == null || value.isBlank()) {
            throw new ProblemException(Problem.validation(name, "path parameter is required"));
        }
        return value;
    }

    /** A positive numeric id from the path; anything else is a 400 naming the parameter. */
    public long idParameter(String name) {
        String raw = pathParameter(name);
        try {
            // ASCII digits only: Long.parseLong also takes other scripts' digits (٤٢ is 42)
            long id = raw != null && ASCII_DIGITS.matcher(raw).matches() ? Long.parseLong(raw) : 0;
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ProblemException(Problem.validation(name, "must be a positive integer id"));
    }

    /** The query string's parameters; 400 naming the first that holds a NUL (no PostgreSQL text can). */
    public Map<String, String> queryParameters() {
        Map<String, String> params = event.getQueryStringParameters();
        if (params == null) {
            return Map.of();
        }
        params.forEach(ApiRequest::refuseNul);
        return params;
    }

    /** One query parameter, empty when absent or empty; 400 if it holds a NUL. */
    public Optional<String> query(String name) {
        Map<String, String> params = event.getQueryStringParameters();
        String value = params == null ? null : params.get(name);
        refuseNul(name, value);
        return Optional.ofNullable(value).filter(v -> !v.isEmpty());
    }

    private static void refuseNul(String name, String value) {
        if (value != null && value.indexOf('\0') >= 0) {
            throw new ProblemException(Problem.validation(name, "must not contain the NUL character (U+0000)"));
        }
    }

    /** The caller the JWT authorizer verified; 401 where the route has no authorizer or no token. */
    public Caller caller() {
        var rc = event.getRequestContext();
        var authorizer = rc == null ? null : rc.getAuthorizer();
        var jwt = authorizer == null ? null : authorizer.getJwt();
        return JwtClaims.caller(jwt == null ? null : jwt.getClaims());
    }

    public boolean hasBody() {
        return event.getBody() != null && !event.getBody().isEmpty();
    }

    public String rawBody() {
        String body = event.getBody();
        if (body == null) {
            return "";
        }
        return event.getIsBase64Encoded()
                ? new String(decodeBase64(body), StandardCharsets.UTF_8)
                : body;
    }

    private static byte[] decodeBase64(String body) {
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.validation("body", "is not valid base64"));
        }
    }

    /** The body as a JSON tree: 400 if absent, too large, not JSON, or sent with another content type. */
    public JsonNode jsonBody() {
        return parse(JsonNode.class);
    }

    /**
     * The body bound to {@code type}. Type mismatches and unknown fields become a 400 naming the
     * field by its JSON path, e.g. {@code serviceProduct.guests}.
     */
    public <T> T body(Class<T> type) {
        return parse(type);
    }

    private <T> T parse(Class<T> type) {
        if (!hasBody()) {
            throw new ProblemException(Problem.validation("body", "a JSON body is required"));
        }
        String contentType = header("content-type").orElse("");
        if (!contentType.isEmpty() && !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ProblemException(Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    "send the body as application/json, not " + contentType));
        }
        String body = rawBody();
        // a char is up to 3 bytes of UTF-8 (a surrogate pair 4 for 2): count the bytes only near the limit
        if (body.length() > MAX_BODY_BYTES
                || body.length() > MAX_BODY_BYTES / 3 && body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new ProblemException(Problem.of(413, "payload-too-large", "Payload too large",
                    "the body may be at most " + MAX_BODY_BYTES + " bytes"));
        }
        if (hasNul(body)) {
            // PostgreSQL's text and jsonb cannot hold U+0000: refused here, not a 500 at the insert
            throw new ProblemException(Problem.validation("body", "must not contain the NUL character (U+0000)"));
        }
        try {
            T value = Json.MAPPER.readValue(body, type);
            if (value == null) {
                throw new ProblemException(Problem.validation("body", "must be a JSON object, not null"));
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new ProblemException(Problem.validation(fieldOf(e), messageOf(e)));
        }
    }

    /** A raw NUL, or the JSON escape {@code \\u0000} (not an escaped backslash followed by "u0000"). */
    static boolean hasNul(String body) {
        if (body.indexOf('\0') >= 0) {
            return true;
        }
        for (int at = body.indexOf("\\u0000"); at >= 0; at = body.indexOf("\\u0000", at + 1)) {
            int backslashes = 0;
            for (int i = at; i >= 0 && body.charAt(i) == '\\'; i--) {
                backslashes++;
            }
            if (backslashes % 2 == 1) {
                return true;
            }
        }
        return false;
    }

    private static String fieldOf(JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    if (!path.isEmpty()) {
                        path.append('.');
                    }
                    path.append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            return path.toString();
        }
        return "body";
    }

    private static String messageOf(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (e instanceof InvalidFormatException f) {
            return "must be " + describe(f.getTargetType());
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            return v.getCause().getMessage();
        }
        if (e instanceof MismatchedInputException m) {
            return m.getTargetType() == null ? "has the wrong type" : "must be " + describe(m.getTargetType());
        }
        return "is not valid JSON (" + e.getOriginalMessage() + ")";
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (type == java.time.LocalDate.class) {
            return "a date (YYYY-MM-DD)";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
