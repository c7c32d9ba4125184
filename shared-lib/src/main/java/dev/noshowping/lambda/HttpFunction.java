package dev.noshowping.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.noshowping.domain.DomainException;
import dev.noshowping.http.ApiRequest;
import dev.noshowping.http.ApiResponses;
import dev.noshowping.http.Problem;
import dev.noshowping.http.ProblemException;
import dev.noshowping.http.ProblemMapping;
import dev.noshowping.http.Route;
import dev.noshowping.log.JsonLog;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP API function: dispatches on the route key to a {@link Route}, turns a use case's
 * {@link DomainException} into its problem document ({@link ProblemMapping}), an adapter's own
 * {@link ProblemException} (parsing, authentication) into its, any other failure into a 500 with
 * the request id, and logs one line per request.
 */
public abstract class HttpFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final Map<String, Route> routes;

    /** A request no route answers: it runs the whole path to a problem document, touching no database. */
    static final String PRIMING_ROUTE = "GET /_priming";

    protected HttpFunction(Map<String, Route> routes) {
        this.routes = Map.copyOf(routes);
        Priming.register(getClass().getSimpleName(), this::prime);
    }

    /** The priming request: decoded, dispatched, answered 404 as problem+json and logged, as any request. */
    APIGatewayV2HTTPResponse prime() {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey(PRIMING_ROUTE);
        event.setRawPath("/_priming");
        event.setRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("priming")
                .withRouteKey(PRIMING_ROUTE).build());
        return handleRequest(event, null);
    }

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        long start = System.nanoTime();
        ApiRequest request = new ApiRequest(event, context);
        APIGatewayV2HTTPResponse response;
        Throwable failure = null;
        try {
            Route route = routes.get(request.routeKey());
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
