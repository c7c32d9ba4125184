package dev.noshowping.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.http.Problem;
import dev.noshowping.json.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes that exist only in the local stack, so people and scripts can drive it:
 * {@code POST /_local/token}, {@code POST /_local/schedules/{FunctionLogicalId}/run},
 * {@code GET /_local/stack}, and the emulators' helper routes under {@code /_local/toss/},
 * {@code /_local/solapi/} and {@code /_local/discord/}. Never deployed.
 */
final class LocalEndpoints implements HttpGateway.LocalRoutes {

    private static final Pattern SCHEDULE_RUN = Pattern.compile("^/_local/schedules/([A-Za-z0-9]+)/run/?$");
    private static final Duration TOKEN_TTL = Duration.ofHours(12);

    private final LocalJwt jwt;
    private final Schedules schedules;
    private final Supplier<Map<String, Object>> stackInfo;
    /** Path prefix ({@code /_local/toss/}) → the emulator that serves it. */
    private final Map<String, String> emulators;
    private final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

    LocalEndpoints(LocalJwt jwt, Schedules schedules, Supplier<Map<String, Object>> stackInfo, Map<String, String> emulators) {
        this.jwt = jwt;
        this.schedules = schedules;
        this.stackInfo = stackInfo;
        this.emulators = Map.copyOf(emulators);
    }

    @Override
    public Optional<HttpGateway.Reply> handle(String method, String path, Map<String, String> headers, byte[] body)
            throws IOException {
        if (!path.startsWith("/_local/")) {
            return Optional.empty();
        }
        if (path.equals("/_local/token") && method.equals("POST")) {
            return Optional.of(token(body));
        }
        if (path.equals("/_local/stack") && method.equals("GET")) {
            return Optional.of(json(200, stackInfo.get()));
        }
        for (var emulator : emulators.entrySet()) {
            if (path.startsWith(emulator.getKey())) {
                return Optional.of(forward(emulator.getValue(), method, path, body));
            }
        }
        Matcher m = SCHEDULE_RUN.matcher(path);
        if (m.matches() && method.equals("POST")) {
            return Optional.of(runSchedule(m.group(1)));
        }
        return Optional.empty();
    }

    private HttpGateway.Reply token(byte[] body) {
        JsonNode request;
        try {
            request = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return problem(Problem.validation("body", "is not valid JSON"));
        }
        if (request == null || !request.isObject()) {
            return problem(Problem.validation("body", "must be a JSON object like {\"sub\":\"alice\",\"role\":\"USER\"}"));
        }
        String sub = request.path("sub").asText("");
        String role = request.path("role").asText("USER");
        if (sub.isBlank()) {
            return problem(Problem.validation("sub", "is required"));
        }
        if (!role.equals("USER") && !role.equals("ADMIN")) {
            return problem(Problem.validation("role", "must be USER or ADMIN"));
        }
        String phone = request.hasNonNull("phone") ? request.path("phone").asText() : null;
        if (phone != null && !phone.matches("^\\+[1-9][0-9]{7,14}$")) {
            return problem(Problem.validation("phone", "must be E.164, like +821012345678"));
        }
        Duration ttl = request.has("ttlSeconds") ? Duration.ofSeconds(request.path("ttlSeconds").asLong()) : TOKEN_TTL;
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("token", jwt.mint(sub, role, phone, ttl));
        reply.put("expiresInSeconds", ttl.toSeconds());
        return json(200, reply);
    }

    private HttpGateway.Reply runSchedule(String functionId) {
        if (!schedules.isScheduled(functionId)) {
            return problem(Problem.notFound("no scheduled function " + functionId + " in template.yaml"));
        }
        try {
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("function", functionId);
            reply.put("result", schedules.fire(functionId));
            return json(200, reply);
        } catch (RuntimeException e) {
            return problem(Problem.of(500, "function-error", "Function error", functionId + " failed: " + e));
        }
    }

    /** An emulator's own helper routes (Toss checkout, SOLAPI messages, Discord faults…) through the gateway's address. */
    private HttpGateway.Reply forward(String emulator, String method, String path, byte[] body) throws IOException {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(emulator + path))
                .header("Content-Type", "application/json")
                .method(method, body.length == 0 ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            var response = http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return new HttpGateway.Reply(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse("application/json"), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static HttpGateway.Reply json(int status, Object body) {
        return new HttpGateway.Reply(status, "application/json", Json.write(body));
    }

    private static HttpGateway.Reply problem(Problem problem) {
        return new HttpGateway.Reply(problem.status(), Problem.MEDIA_TYPE, Json.write(problem));
    }
}
