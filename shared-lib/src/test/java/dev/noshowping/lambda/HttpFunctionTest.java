package dev.noshowping.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.domain.RateLimited;
import dev.noshowping.http.ApiResponses;
import dev.noshowping.http.Problem;
import dev.noshowping.http.ProblemException;
import dev.noshowping.http.Route;
import dev.noshowping.json.Json;
import dev.noshowping.ratelimit.LimitedAction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpFunctionTest {

    static final class Sample extends HttpFunction {
        Sample() {
            super(Map.of(
                    "GET /ok", r -> ApiResponses.json(200, Map.of("ok", true)),
                    "GET /conflict", r -> {
                        throw new ProblemException(Problem.conflict("stale version"));
                    },
                    "GET /limited", r -> {
                        throw new RateLimited(LimitedAction.HOLD, Duration.ofSeconds(30));
                    },
                    "GET /bug", r -> {
                        throw new IllegalStateException("secret internals");
                    },
                    "POST /later", Route.notImplemented("a later issue")));
        }
    }

    static APIGatewayV2HTTPResponse call(String routeKey, String body) {
        return new Sample().handleRequest(APIGatewayV2HTTPEvent.builder().withRouteKey(routeKey).withBody(body)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("req-9").build())
                .build(), LocalContext.of("Sample", 3));
    }

    static JsonNode json(APIGatewayV2HTTPResponse r) throws Exception {
        return Json.MAPPER.readTree(r.getBody());
    }

    @Test
    void thePrimingRequestRunsTheWholePathToAProblemDocumentWithoutARouteOfOurs() throws Exception {
        JsonNode r = Json.MAPPER.readTree(new Sample().prime());
        assertThat(r.get("statusCode").asInt()).isEqualTo(404);
        assertThat(r.get("headers").get("Content-Type").asText()).isEqualTo("application/problem+json");
        assertThat(Json.MAPPER.readTree(r.get("body").asText()).get("detail").asText())
                .contains(HttpFunction.PRIMING_ROUTE);
    }

    @Test
    void aPrimingThatFailsLeavesTheSnapshotToBeTakenWithoutIt() {
        List<String> ran = new java.util.ArrayList<>();
        new Priming("fine", () -> ran.add("fine")).beforeCheckpoint(null);
        new Priming("broken", () -> {
            throw new IllegalStateException("no network before the snapshot");
        }).beforeCheckpoint(null);
        new Priming("unreadable", () -> {
            throw new java.io.IOException("the sample event did not parse");
        }).beforeCheckpoint(null);
        new Priming("after", () -> ran.add("after")).beforeCheckpoint(null);
        assertThat(ran).containsExactly("fine", "after");
    }

    @Test
    void routesByRouteKey() throws Exception {
        APIGatewayV2HTTPResponse r = call("GET /ok", null);
        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(json(r).get("ok").asBoolean()).isTrue();
    }

    @Test
    void problemExceptionBecomesItsProblemDocument() throws Exception {
        APIGatewayV2HTTPResponse r = call("GET /conflict", null);
        assertThat(r.getStatusCode()).isEqualTo(409);
        assertThat(r.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(json(r).get("detail").asText()).isEqualTo("stale version");
    }

    @Test
    void aUseCaseRefusalIsMappedWithItsHeaders() throws Exception {
        APIGatewayV2HTTPResponse r = call("GET /limited", null);
        assertThat(r.getStatusCode()).isEqualTo(429);
        assertThat(r.getHeaders()).containsEntry("Retry-After", "30")
                .containsEntry("Content-Type", "application/problem+json");
        assertThat(json(r).get("type").asText()).isEqualTo("https://noshowping.dev/problems/rate-limited");
    }

    @Test
    void unexpectedFailureIs500WithTheRequestIdAndNoInternals() throws Exception {
        APIGatewayV2HTTPResponse r = call("GET /bug", null);
        assertThat(r.getStatusCode()).isEqualTo(500);
        assertThat(r.getBody()).contains("req-9").doesNotContain("secret internals");
    }

    @Test
    void unknownRouteIs404() {
        assertThat(call("GET /elsewhere", null).getStatusCode()).isEqualTo(404);
    }

    @Test
    void notImplementedRouteStillRejectsMalformedJson() {
        assertThat(call("POST /later", "{oops").getStatusCode()).isEqualTo(400);
        assertThat(call("POST /later", "{}").getStatusCode()).isEqualTo(501);
    }

    @Test
    void sqsBatchReportsOnlyTheFailedRecords() {
        SqsBatchFunction consumer = new SqsBatchFunction() {
            @Override
            protected void process(SQSEvent.SQSMessage message, com.amazonaws.services.lambda.runtime.Context c) {
                if (message.getBody().contains("bad")) {
                    throw new IllegalArgumentException("bad record");
                }
            }
        };
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message("1", "good"), message("2", "bad"), message("3", "good")));
        SQSBatchResponse response = consumer.handleRequest(event, LocalContext.of("Consumer", 30));
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("2");
    }

    @Test
    void anErrorInARecordRunAtOnceWithOthersFailsThatRecordNeverSilently() {
        SqsBatchFunction consumer = new SqsBatchFunction() {
            @Override
            protected boolean concurrentRecords() {
                return true;
            }

            @Override
            protected void process(SQSEvent.SQSMessage message, com.amazonaws.services.lambda.runtime.Context c) {
                if (message.getBody().contains("bad")) {
                    throw new AssertionError("not an Exception: a virtual thread's future would swallow it");
                }
            }
        };
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message("1", "good"), message("2", "bad"), message("3", "good")));
        SQSBatchResponse response = consumer.handleRequest(event, LocalContext.of("Consumer", 30));
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("2");
    }

    @Test
    void recordsNotStartedBeforeTheStopMarginAreReportedFailedUnprocessed() {
        List<String> processed = new java.util.ArrayList<>();
        SqsBatchFunction consumer = new SqsBatchFunction() {
            @Override
            protected void process(SQSEvent.SQSMessage message, com.amazonaws.services.lambda.runtime.Context c) {
                processed.add(message.getMessageId());
            }
        };
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message("1", "a"), message("2", "b")));
        // no time left: nothing may start
        SQSBatchResponse response = consumer.handleRequest(event, LocalContext.of("Consumer", 0));
        assertThat(processed).isEmpty();
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("1", "2");
    }

    @Test
    void recordsRunAtOnceStillRunningAtTheStopMarginAreInterruptedAndReportedFailed() {
        SqsBatchFunction consumer = new SqsBatchFunction() {
            @Override
            protected boolean concurrentRecords() {
                return true;
            }

            @Override
            protected void process(SQSEvent.SQSMessage message, com.amazonaws.services.lambda.runtime.Context c)
                    throws InterruptedException {
                if (message.getBody().contains("endless")) {
                    new java.util.concurrent.CountDownLatch(1).await();   // until interrupted
                }
            }
        };
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message("1", "quick"), message("2", "endless"), message("3", "quick")));
        long start = System.nanoTime();
        // 3 s in all: the batch keeps the last second, so the endless record is cut short after about 2 s
        SQSBatchResponse response = consumer.handleRequest(event, LocalContext.of("Consumer", 3));
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("2");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(3));
    }

    private static SQSEvent.SQSMessage message(String id, String body) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setBody(body);
        return m;
    }
}
