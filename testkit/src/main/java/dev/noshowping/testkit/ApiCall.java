package dev.noshowping.testkit;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.json.Json;
import dev.noshowping.lambda.LocalContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP API v2 event as API Gateway would send it after its JWT authorizer, driven into a real
 * handler; every answer is checked against {@code docs/openapi.yaml} before the test sees it.
 *
 * <pre>{@code ApiCall.as("alice").post("/articles", json).invoke(handler)}</pre>
 */
public final class ApiCall {

    private static OpenApiContract contract;

    /** What came back, with the body parsed when it is JSON. */
    public record Reply(int status, Map<String, String> headers, String raw, JsonNode json) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }

        /** The field the first validation error names. */
        public String firstErrorField() {
            return json.path("errors").path(0).path("field").asText(null);
        }
    }

    private final String subject;
    private final String role;
    private String verifiedPhone;
    private String method;
    private String pathTemplate;
    private final Map<String, String> pathParameters = new LinkedHashMap<>();
    private final Map<String, String> query = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String body;

    private ApiCall(String subject, String role) {
        this.subject = subject;
        this.role = role;
        headers.put("content-type", "application/json");
    }

    public static ApiCall as(String subject) {
        return new ApiCall(subject, "USER");
    }

    public static ApiCall asAdmin(String subject) {
        return new ApiCall(subject, "ADMIN");
    }

    /** A route without an authorizer (webhooks, health). */
    public static ApiCall anonymous() {
        return new ApiCall(null, null);
    }

    /** The token also carries a verified phone number (OIDC {@code phone_number}, E.164). */
    public ApiCall verifiedPhone(String e164) {
        this.verifiedPhone = e164;
        return this;
    }

    public ApiCall get(String pathTemplate) {
        return route("GET", pathTemplate);
    }

    public ApiCall post(String pathTemplate, String body) {
        return route("POST", pathTemplate).body(body);
    }

    public ApiCall patch(String pathTemplate, String body) {
        return route("PATCH", pathTemplate).body(body);
    }

    public ApiCall delete(String pathTemplate) {
        return route("DELETE", pathTemplate);
    }

    public ApiCall route(String method, String pathTemplate) {
        this.method = method;
        this.pathTemplate = pathTemplate;
        return this;
    }

    public ApiCall path(String name, Object value) {
        pathParameters.put(name, String.valueOf(value));
        return this;
    }

    public ApiCall query(String name, Object value) {
        query.put(name, String.valueOf(value));
        return this;
    }

    public ApiCall header(String name, String value) {
        headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
        return this;
    }

    public ApiCall body(String json) {
        this.body = json;
        return this;
    }

    public APIGatewayV2HTTPEvent event() {
        String rawPath = pathTemplate;
        for (var p : pathParameters.entrySet()) {
            rawPath = rawPath.replace("{" + p.getKey() + "}", p.getValue());
        }
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRequestId("test-" + System.nanoTime())
                .withRouteKey(method + " " + pathTemplate)
                .withStage("$default")
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(rawPath)
                        .withProtocol("HTTP/1.1").withSourceIp("127.0.0.1").withUserAgent("test").build());
        if (subject != null) {
            Map<String, String> claims = new HashMap<>();
            claims.put("sub", subject);
            claims.put("role", role);
            if (verifiedPhone != null) {
                claims.put("phone_number", verifiedPhone);
                claims.put("phone_number_verified", "true");
            }
            context.withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                    .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).build())
                    .build());
        }
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(method + " " + pathTemplate)
                .withRawPath(rawPath)
                .withHeaders(headers)
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(context.build())
                .build();
    }

    /** Invokes {@code handler} and checks the answer against the OpenAPI document. */
    public Reply invoke(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
        return invoke(handler, event());
    }

    /** The same, in an invocation with only {@code secondsLeft} before its timeout (the API functions have 20). */
    public Reply invokeWithSecondsLeft(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                                       int secondsLeft) {
        return invoke(handler, event(), secondsLeft);
    }

    /** Sends any event (e.g. a sample from {@code events/}) and checks the answer against the OpenAPI document. */
    public static Reply invoke(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                               APIGatewayV2HTTPEvent event) {
        return invoke(handler, event, 20);
    }

    private static Reply invoke(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                                APIGatewayV2HTTPEvent event, int secondsLeft) {
        String[] routeKey = event.getRouteKey().split(" ", 2);
        String method = routeKey[0];
        String pathTemplate = routeKey[1];
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, LocalContext.of("test", secondsLeft));
        Map<String, String> responseHeaders = response.getHeaders() == null ? Map.of() : response.getHeaders();
        String contentType = responseHeaders.getOrDefault("Content-Type", responseHeaders.get("content-type"));
        String raw = response.getBody();
        contract().assertResponse(method, pathTemplate, response.getStatusCode(), contentType, raw);
        JsonNode json = null;
        if (raw != null && !raw.isEmpty()) {
            try {
                json = Json.MAPPER.readTree(raw);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Reply(response.getStatusCode(), responseHeaders, raw, json);
    }

    private static synchronized OpenApiContract contract() {
        if (contract == null) {
            contract = OpenApiContract.load(Path.of(System.getProperty("noshowping.repo.root", "."), "docs/openapi.yaml"));
        }
        return contract;
    }
}
