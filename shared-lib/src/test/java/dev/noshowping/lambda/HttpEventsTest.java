package dev.noshowping.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.http.ApiResponses;
import dev.noshowping.identity.Caller;
import dev.noshowping.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpEventsTest {

    /** Answers with everything a route can read of its request. */
    static final class Echo extends HttpFunction {
        Echo() {
            super(Map.of(
                    "POST /echo/{id}", r -> {
                        Map<String, Object> seen = new LinkedHashMap<>();
                        seen.put("id", r.idParameter("id"));
                        seen.put("query", r.queryParameters());
                        seen.put("accept", r.header("Accept").orElse(null));
                        seen.put("body", r.rawBody());
                        seen.put("json", r.jsonBody());
                        seen.put("requestId", r.requestId());
                        Caller caller = r.caller();
                        seen.put("caller", List.of(caller.subject(), caller.role().name(), String.valueOf(caller.phone())));
                        return ApiResponses.json(200, seen);
                    },
                    "GET /cookies", r -> ApiResponses.json(200, Map.of("cookies", r.event().getCookies()))));
        }
    }

    private static final String CLAIMS = """
            {"sub":"2c7e4b1a-6f3d-4e8a-9b5c-1d2e3f405162","role":"USER","phone_number":"+821012345678",
             "phone_number_verified":"true","exp":1795580142,"iat":"1795576542"}""";

    private static String event(String body, boolean base64) {
        String encoded = base64 ? java.util.Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8))
                : body.replace("\"", "\\\"");
        return """
                {"version":"2.0","routeKey":"POST /echo/{id}","rawPath":"/echo/42","rawQueryString":"q=%EC%A0%9C%EC%A3%BC&page=2",
                 "cookies":["a=1","b=2"],
                 "headers":{"accept":"application/json","content-type":"application/json","x-dup":"one,two"},
                 "queryStringParameters":{"q":"제주","page":"2"},"pathParameters":{"id":"42"},
                 "requestContext":{"accountId":"123456789012","apiId":"api","domainName":"d","domainPrefix":"d",
                   "http":{"method":"POST","path":"/echo/42","protocol":"HTTP/1.1","sourceIp":"203.0.113.24","userAgent":"ua"},
                   "requestId":"req-1","routeKey":"POST /echo/{id}","stage":"$default","time":"t","timeEpoch":1795576542000,
                   "authorizer":{"jwt":{"claims":%CLAIMS%,"scopes":null}},"unknownField":{"nested":[1,2]}},
                 "body":"%BODY%","isBase64Encoded":%BASE64%,"anotherUnknown":true}
                """.replace("%CLAIMS%", CLAIMS).replace("%BODY%", encoded).replace("%BASE64%", String.valueOf(base64));
    }

    private static JsonNode stream(HttpFunction function, String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        function.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out,
                LocalContext.of("Echo", 3));
        return Json.MAPPER.readTree(out.toByteArray());
    }

    private static JsonNode typed(HttpFunction function, APIGatewayV2HTTPEvent event) throws Exception {
        APIGatewayV2HTTPResponse r = function.handleRequest(event, LocalContext.of("Echo", 3));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HttpEvents.write(r, out);
        return Json.MAPPER.readTree(out.toByteArray());
    }

    @Test
    void aBase64BodyAndTheAuthorizersClaimsReachTheRoute() throws Exception {
        String body = "{\"title\":\"제주 펜션\",\"price\":320000}";
        JsonNode plain = stream(new Echo(), event(body, false));
        JsonNode base64 = stream(new Echo(), event(body, true));
        assertThat(plain.get("statusCode").asInt()).isEqualTo(200);
        assertThat(base64).isEqualTo(plain);
        JsonNode seen = Json.MAPPER.readTree(base64.get("body").asText());
        assertThat(seen.get("body").asText()).isEqualTo(body);
        assertThat(seen.get("json").get("title").asText()).isEqualTo("제주 펜션");
        assertThat(seen.get("id").asLong()).isEqualTo(42);
        assertThat(seen.get("query").get("q").asText()).isEqualTo("제주");
        assertThat(seen.get("accept").asText()).isEqualTo("application/json");
        assertThat(seen.get("requestId").asText()).isEqualTo("req-1");
        assertThat(seen.get("caller").toString())
                .isEqualTo("[\"2c7e4b1a-6f3d-4e8a-9b5c-1d2e3f405162\",\"USER\",\"+821012345678\"]");
    }

    @Test
    void everyFieldIsReadAsTheEventsTypeHoldsIt() throws Exception {
        APIGatewayV2HTTPEvent e = HttpEvents.read(new ByteArrayInputStream(
                event("x", true).getBytes(StandardCharsets.UTF_8)));
        assertThat(e.getVersion()).isEqualTo("2.0");
        assertThat(e.getRawQueryString()).isEqualTo("q=%EC%A0%9C%EC%A3%BC&page=2");
        assertThat(e.getCookies()).containsExactly("a=1", "b=2");
        assertThat(e.getHeaders()).containsEntry("x-dup", "one,two");
        assertThat(e.getIsBase64Encoded()).isTrue();
        assertThat(e.getStageVariables()).isNull();
        var rc = e.getRequestContext();
        assertThat(rc.getTimeEpoch()).isEqualTo(1795576542000L);
        assertThat(rc.getHttp().getSourceIp()).isEqualTo("203.0.113.24");
        assertThat(rc.getAuthorizer().getJwt().getScopes()).isNull();
        // a number in the claims is its text, as the runtime's serializer gave it
        assertThat(rc.getAuthorizer().getJwt().getClaims()).containsEntry("exp", "1795580142")
                .containsEntry("phone_number_verified", "true");
    }

    @Test
    void theStreamAndTheTypedEntryAnswerAlike() throws Exception {
        String json = event("{\"a\":1}", false);
        APIGatewayV2HTTPEvent e = HttpEvents.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(stream(new Echo(), json)).isEqualTo(typed(new Echo(), e));
        String cookies = json.replace("POST /echo/{id}", "GET /cookies");
        assertThat(Json.MAPPER.readTree(stream(new Echo(), cookies).get("body").asText()).get("cookies").toString())
                .isEqualTo("[\"a=1\",\"b=2\"]");
    }

    @Test
    void aMalformedBodyIsStillA400ProblemThroughTheStream() throws Exception {
        JsonNode r = stream(new Echo(), event("{oops", false));
        assertThat(r.get("statusCode").asInt()).isEqualTo(400);
        assertThat(r.get("headers").get("Content-Type").asText()).isEqualTo("application/problem+json");
        JsonNode notBase64 = stream(new Echo(), event("x", false).replace("\"isBase64Encoded\":false", "\"isBase64Encoded\":true"));
        assertThat(notBase64.get("statusCode").asInt()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{}", "{\"routeKey\":null}", "not json", "[]", "null", "{\"headers\":[\"a\"]}", "{\"routeKey\":{}}",
            "{\"requestContext\":{\"timeEpoch\":\"soon\"}}", "{\"isBase64Encoded\":\"maybe\"}",
            "{\"routeKey\":\"GET /x\"", "{\"routeKey\":\"GET /x\"} trailing", "{\"cookies\":\"a=1\"}",
            "{\"requestContext\":{\"authorizer\":{\"jwt\":{\"claims\":[]}}}}"})
    void anEventThatIsNotAnHttpApiEventIsA400ProblemNotAFailure(String event) throws Exception {
        JsonNode r = stream(new Echo(), event);
        assertThat(r.get("statusCode").asInt()).isEqualTo(400);
        assertThat(r.get("headers").get("Content-Type").asText()).isEqualTo("application/problem+json");
        assertThat(Json.MAPPER.readTree(r.get("body").asText()).get("status").asInt()).isEqualTo(400);
    }

    @Test
    void anEventWithARouteNoRouteAnswersIs404() throws Exception {
        assertThat(stream(new Echo(), "{\"routeKey\":\"GET /elsewhere\"}").get("statusCode").asInt()).isEqualTo(404);
    }

    @Test
    void theResponseIsWrittenWithoutItsNulls() throws Exception {
        APIGatewayV2HTTPResponse r = APIGatewayV2HTTPResponse.builder().withStatusCode(204).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HttpEvents.write(r, out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"statusCode\":204,\"isBase64Encoded\":false}");
    }

    /**
     * The Lambda runtime's choice for {@code Class::handleRequest}: public methods of that name,
     * bridges last, then the longest signature first, a trailing Context counting one more.
     */
    @Test
    void lambdaPicksTheStreamEntryOfAnHttpFunction() {
        Method chosen = Arrays.stream(Echo.class.getMethods())
                .filter(m -> m.getName().equals("handleRequest"))
                .sorted(Comparator.comparing(Method::isBridge).thenComparing(m -> -weight(m)))
                .findFirst().orElseThrow();
        assertThat(chosen.getParameterTypes()).containsExactly(InputStream.class, OutputStream.class, Context.class);
    }

    private static int weight(Method m) {
        Class<?>[] params = m.getParameterTypes();
        return params.length + (params.length > 0 && params[params.length - 1] == Context.class ? 1 : 0);
    }
}
