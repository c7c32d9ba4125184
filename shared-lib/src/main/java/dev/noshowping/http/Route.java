package dev.noshowping.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** What a handler does for one route key such as {@code "PATCH /articles/{id}"}. */
@FunctionalInterface
public interface Route {

    APIGatewayV2HTTPResponse handle(ApiRequest request);

    /**
     * A declared route whose behaviour a later issue delivers: 501 problem+json. A body sent to it
     * is still parsed, so malformed JSON gets its 400 here as it will once the route is real.
     */
    static Route notImplemented(String deliveredBy) {
        return request -> {
            if (request.hasBody()) {
                request.jsonBody();
            }
            return ApiResponses.problem(Problem.notImplemented(
                    request.routeKey() + " is declared but not built yet (" + deliveredBy + ")"));
        };
    }
}
