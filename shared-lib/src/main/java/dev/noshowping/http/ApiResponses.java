package dev.noshowping.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.noshowping.json.Json;
import java.util.Map;

/** HTTP API v2 responses: JSON bodies and problem documents. */
public final class ApiResponses {

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
    private static final Map<String, String> PROBLEM = Map.of("Content-Type", Problem.MEDIA_TYPE);

    private ApiResponses() {
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(JSON)
                .withBody(Json.write(body))
                .build();
    }

    /** A body already serialized (e.g. a stored idempotent answer), sent as it is. */
    public static APIGatewayV2HTTPResponse rawJson(int status, String body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new java.util.HashMap<>(JSON);
        headers.putAll(extraHeaders);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withBody(body).build();
    }

    public static APIGatewayV2HTTPResponse noContent() {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(204).withHeaders(Map.of()).build();
    }

    public static APIGatewayV2HTTPResponse problem(Problem problem) {
        return problem(problem, Map.of());
    }

    /** A problem with headers of its own, such as {@code Retry-After}. */
    public static APIGatewayV2HTTPResponse problem(Problem problem, Map<String, String> extraHeaders) {
        Map<String, String> headers = PROBLEM;
        if (!extraHeaders.isEmpty()) {
            headers = new java.util.HashMap<>(PROBLEM);
            headers.putAll(extraHeaders);
        }
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(problem.status())
                .withHeaders(headers)
                .withBody(Json.write(problem))
                .build();
    }
}
