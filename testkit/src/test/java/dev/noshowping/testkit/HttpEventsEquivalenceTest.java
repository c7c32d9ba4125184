package dev.noshowping.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.http.ApiRequest;
import dev.noshowping.http.ApiResponses;
import dev.noshowping.http.ProblemException;
import dev.noshowping.json.Json;
import dev.noshowping.lambda.HttpEvents;
import dev.noshowping.lambda.HttpFunction;
import dev.noshowping.lambda.LocalContext;
import dev.noshowping.lambda.SqsEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every HTTP API and SQS sample event of {@code events/} read by our own readers (what Lambda now
 * calls) and by the Lambda runtime's serializer (what it called before) must be the same event, a
 * handler must answer both alike, and its answer must be written as the runtime's serializer wrote it.
 */
class HttpEventsEquivalenceTest {

    /** Answers every route with everything a route can read of its request. */
    static final class Echo extends HttpFunction {
        Echo(String routeKey) {
            super(Map.of(routeKey, Echo::echo));
        }

        static APIGatewayV2HTTPResponse echo(ApiRequest r) {
            var e = r.event();
            Map<String, Object> seen = new LinkedHashMap<>();
            seen.put("route", r.routeKey());
            seen.put("requestId", r.requestId());
            seen.put("headers", e.getHeaders());
            seen.put("cookies", e.getCookies());
            seen.put("rawQuery", e.getRawQueryString());
            seen.put("query", r.queryParameters());
            seen.put("path", e.getPathParameters());
            seen.put("body", r.rawBody());
            seen.put("http", List.of(e.getRequestContext().getHttp().getMethod(), e.getRequestContext().getHttp().getPath(),
                    e.getRequestContext().getHttp().getSourceIp()));
            try {
                var caller = r.caller();
                seen.put("caller", List.of(caller.subject(), caller.role().name(), String.valueOf(caller.phone())));
            } catch (ProblemException anonymous) {
                seen.put("caller", anonymous.problem().status());
            }
            var authorizer = e.getRequestContext().getAuthorizer();
            seen.put("claims", authorizer == null || authorizer.getJwt() == null ? null : authorizer.getJwt().getClaims());
            return ApiResponses.json(200, seen);
        }
    }

    static Stream<Path> httpEvents() throws Exception {
        return sampleEvents(json -> "2.0".equals(json.path("version").asText()) && json.has("routeKey"));
    }

    /** The sample events under events/ that {@code kind} says are of one kind, by path. */
    static Stream<Path> sampleEvents(java.util.function.Predicate<JsonNode> kind) throws Exception {
        try (Stream<Path> files = Files.walk(RepoRoot.path().resolve("events"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().filter(f -> {
                try {
                    return kind.test(Json.MAPPER.readTree(f.toFile()));
                } catch (Exception e) {
                    throw new IllegalStateException(f.toString(), e);
                }
            }).toList().stream();
        }
    }

    @Test
    void theSampleEventsIncludeEveryHttpFunctionsEvents() throws Exception {
        assertThat(httpEvents().count()).isGreaterThanOrEqualTo(50);
    }

    @ParameterizedTest
    @MethodSource("httpEvents")
    void bothReadersGiveTheSameEventAndTheSameAnswer(Path file) throws Exception {
        byte[] json = Files.readAllBytes(file);
        PojoSerializer<APIGatewayV2HTTPEvent> runtime = LambdaEventSerializers.serializerFor(
                APIGatewayV2HTTPEvent.class, getClass().getClassLoader());
        APIGatewayV2HTTPEvent before = runtime.fromJson(new ByteArrayInputStream(json));
        APIGatewayV2HTTPEvent ours = HttpEvents.read(new ByteArrayInputStream(json));
        assertThat(ours).isEqualTo(before);

        Echo echo = new Echo(before.getRouteKey());
        APIGatewayV2HTTPResponse typed = echo.handleRequest(before, LocalContext.of("Echo", 3));
        ByteArrayOutputStream runtimeOut = new ByteArrayOutputStream();
        LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, getClass().getClassLoader())
                .toJson(typed, runtimeOut);

        ByteArrayOutputStream streamOut = new ByteArrayOutputStream();
        echo.handleRequest(new ByteArrayInputStream(json), streamOut, LocalContext.of("Echo", 3));
        JsonNode answer = Json.MAPPER.readTree(streamOut.toByteArray());
        assertThat(answer).isEqualTo(Json.MAPPER.readTree(runtimeOut.toByteArray()));
        assertThat(answer.get("statusCode").asInt()).as(answer.toString()).isEqualTo(200);
    }

    /** What the sample events lack: cookies, a base64 body, stage variables, other authorizers, numeric claims. */
    @Test
    void theFieldsNoSampleHasAreReadAsTheRuntimeReadsThem() throws Exception {
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(
                RepoRoot.path().resolve("events/article-api/post-merchants.json").toFile());
        json.putArray("cookies").add("session=abc").add("theme=dark");
        json.putObject("stageVariables").put("stage", "prod");
        json.put("body", java.util.Base64.getEncoder().encodeToString(
                "{\"merchantName\":\"제주여행샵\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        json.put("isBase64Encoded", true);
        var authorizer = (com.fasterxml.jackson.databind.node.ObjectNode) json.path("requestContext").path("authorizer");
        ((com.fasterxml.jackson.databind.node.ObjectNode) authorizer.path("jwt").path("claims")).put("exp", 1795580142L)
                .put("email_verified", true);
        ((com.fasterxml.jackson.databind.node.ObjectNode) authorizer.path("jwt")).putArray("scopes").add("read");
        authorizer.putObject("lambda").put("n", 1).put("big", 12345678901L).put("f", 1.5).put("ok", true)
                .putNull("none").putArray("list").add("a").addObject().put("x", "y");
        authorizer.putObject("iam").put("accessKey", "AKIA").put("userArn", "arn:aws:iam::1:user/x")
                .putObject("cognitoIdentity").put("identityId", "id").putArray("amr").add("authenticated");
        byte[] bytes = Json.MAPPER.writeValueAsBytes(json);

        APIGatewayV2HTTPEvent before = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class,
                getClass().getClassLoader()).fromJson(new ByteArrayInputStream(bytes));
        APIGatewayV2HTTPEvent ours = HttpEvents.read(new ByteArrayInputStream(bytes));
        assertThat(ours).isEqualTo(before);
        assertThat(ours.getCookies()).containsExactly("session=abc", "theme=dark");
        assertThat(ours.getRequestContext().getAuthorizer().getJwt().getClaims()).containsEntry("exp", "1795580142");
        assertThat(new ApiRequest(ours, null).rawBody()).isEqualTo("{\"merchantName\":\"제주여행샵\"}");
    }

    @Test
    void aResponseWithEveryFieldIsWrittenAsTheRuntimeWritesIt() throws Exception {
        APIGatewayV2HTTPResponse r = APIGatewayV2HTTPResponse.builder().withStatusCode(201)
                .withHeaders(Map.of("Content-Type", "application/json", "Location", "/articles/42"))
                .withMultiValueHeaders(Map.of("Vary", List.of("Accept", "Origin")))
                .withCookies(List.of("a=1; Secure", "b=2")).withBody("aGk=").withIsBase64Encoded(true).build();
        ByteArrayOutputStream runtimeOut = new ByteArrayOutputStream();
        LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, getClass().getClassLoader())
                .toJson(r, runtimeOut);
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        HttpEvents.write(r, ours);
        assertThat(Json.MAPPER.readTree(ours.toByteArray())).isEqualTo(Json.MAPPER.readTree(runtimeOut.toByteArray()));
    }

    static Stream<Path> sqsEvents() throws Exception {
        return sampleEvents(json -> "aws:sqs".equals(json.path("Records").path(0).path("eventSource").asText()));
    }

    @Test
    void theSampleEventsIncludeTheQueuesEvents() throws Exception {
        assertThat(sqsEvents().count()).isGreaterThanOrEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource("sqsEvents")
    void bothReadersGiveTheSameSqsBatch(Path file) throws Exception {
        byte[] json = Files.readAllBytes(file);
        assertThat(SqsEvents.read(new ByteArrayInputStream(json))).isEqualTo(runtimeSqs(json));
    }

    /** Message attributes, which no sample has: text, binary (base64), lists, and a null. */
    @Test
    void messageAttributesAreReadAsTheRuntimeReadsThem() throws Exception {
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(
                RepoRoot.path().resolve("events/alimtalk/notifications-batch.json").toFile());
        var attributes = ((com.fasterxml.jackson.databind.node.ObjectNode) json.path("Records").path(0))
                .putObject("messageAttributes");
        attributes.putObject("text").put("stringValue", "제주").put("dataType", "String")
                .putArray("stringListValues");
        attributes.putObject("bytes").put("binaryValue", "aGVsbG8=").put("dataType", "Binary")
                .putArray("binaryListValues").add("aGk=").add("");
        attributes.putObject("n").put("stringValue", "42").put("dataType", "Number").putNull("binaryValue");
        byte[] bytes = Json.MAPPER.writeValueAsBytes(json);
        SQSEvent ours = SqsEvents.read(new ByteArrayInputStream(bytes));
        assertThat(ours).isEqualTo(runtimeSqs(bytes));
        assertThat(ours.getRecords().get(0).getMessageAttributes().get("bytes").getBinaryValue())
                .isEqualTo(java.nio.ByteBuffer.wrap("hello".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void aBatchResponseIsWrittenAsTheRuntimeWritesIt() throws Exception {
        for (SQSBatchResponse r : List.of(new SQSBatchResponse(List.of()), new SQSBatchResponse(List.of(
                new SQSBatchResponse.BatchItemFailure("m-1"), new SQSBatchResponse.BatchItemFailure("m-2"))))) {
            ByteArrayOutputStream runtimeOut = new ByteArrayOutputStream();
            LambdaEventSerializers.serializerFor(SQSBatchResponse.class, getClass().getClassLoader()).toJson(r, runtimeOut);
            ByteArrayOutputStream ours = new ByteArrayOutputStream();
            SqsEvents.write(r, ours);
            assertThat(Json.MAPPER.readTree(ours.toByteArray())).isEqualTo(Json.MAPPER.readTree(runtimeOut.toByteArray()));
        }
    }

    private SQSEvent runtimeSqs(byte[] json) {
        return LambdaEventSerializers.serializerFor(SQSEvent.class, getClass().getClassLoader())
                .fromJson(new ByteArrayInputStream(json));
    }
}
