package dev.noshowping.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.noshowping.domain.DomainException;
import dev.noshowping.http.ApiRequest;
import dev.noshowping.http.ApiResponses;
import dev.noshowping.http.Problem;
import dev.noshowping.http.ProblemException;
import dev.noshowping.http.ProblemMapping;
import dev.noshowping.http.Route;
import dev.noshowping.log.JsonLog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP API function: dispatches on the route key to a {@link Route}, turns a use case's
 * {@link DomainException} into its problem document ({@link ProblemMapping}), an adapter's own
 * {@link ProblemException} (parsing, authentication) into its, any other failure into a 500 with
 * the request id, and logs one line per request.
 *
 * <p>Lambda calls the stream entry, {@link #handleRequest(InputStream, OutputStream, Context)}: the
 * event is read and the answer written by {@link HttpEvents}, so the runtime's own serializer is
 * never loaded. For the handler {@code Class::handleRequest} the runtime takes the overload with the
 * longest signature (three arguments, ending in a Context) and for a bare class name it checks
 * {@link RequestStreamHandler} first, so the typed entry, kept for tests and the local stack, is never
 * Lambda's.
 */
public abstract class HttpFunction
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, RequestStreamHandler {

    private final Map<String, Route> routes;

    /** A request no route answers: it runs the whole path to a problem document, touching no database. */
    static final String PRIMING_ROUTE = "GET /_priming";

    protected HttpFunction(Map<String, Route> routes) {
        this.routes = Map.copyOf(routes);
        Priming.register(getClass().getSimpleName(), this::prime);
        DatabaseLoginPriming.register();
    }

    /** The priming request: read, dispatched, answered 404 as problem+json, written and logged, as any request. */
    String prime() throws IOException {
        String event = "{\"version\":\"2.0\",\"routeKey\":\"" + PRIMING_ROUTE + "\",\"rawPath\":\"/_priming\","
                + "\"headers\":{},\"requestContext\":{\"requestId\":\"priming\",\"routeKey\":\"" + PRIMING_ROUTE + "\"},"
                + "\"isBase64Encoded\":false}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Lambda's entry. An event that is not an HTTP API event (API Gateway never sends one) is
     * answered 400 as problem+json, not failed: the caller sees a problem document either way.
     */
    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        APIGatewayV2HTTPEvent event;
        try {
            event = HttpEvents.read(input);
        } catch (JsonProcessingException e) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("function", context == null ? getClass().getSimpleName() : context.getFunctionName());
            fields.put("requestId", context == null ? "unknown" : context.getAwsRequestId());
            fields.put("status", 400);
            JsonLog.warn("malformed event: " + e.getOriginalMessage(), fields);
            HttpEvents.write(ApiResponses.problem(Problem.validation("event", "is not an HTTP API event")), output);
            return;
        }
        HttpEvents.write(handleRequest(event, context), output);
    }

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        long start = System.nanoTime();
        ApiRequest request = new ApiRequest(event, context);
        APIGatewayV2HTTPResponse response;
        Throwable failure = null;
        try {
            // Map.copyOf refuses to look up null: an event without a route is simply routed nowhere
            Route route = request.routeKey() == null ? null : routes.get(request.routeKey());
            response = route == null
                    ? ApiResponses.problem(Problem.notFound("no route " + request.routeKey()))
                    : route.handle(request);
        } catch (DomainException e) {
            response = ProblemMapping.response(e);
        } catch (ProblemException e) {
            response = ApiResponses.problem(e.problem());
        } catch (RuntimeException e) {
            failure = e;
            response = ApiResponses.problem(Problem.internal(request.requestId()));
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("function", context == null ? getClass().getSimpleName() : context.getFunctionName());
        fields.put("requestId", request.requestId());
        fields.put("route", request.routeKey());
        fields.put("status", response.getStatusCode());
        fields.put("latencyMs", JsonLog.millisSince(start));
        if (failure == null) {
            JsonLog.info("request", fields);
        } else {
            JsonLog.error("request failed", fields, failure);
        }
        return response;
    }
}
