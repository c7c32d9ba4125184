package dev.noshowping.functions.crawler;

import dev.noshowping.http.Route;
import dev.noshowping.lambda.HttpFunction;
import java.util.Map;

/** {@code GET /listings}: crawled external listings by keyword, source and status. */
public final class ListingsHandler extends HttpFunction {

    public ListingsHandler() {
        super(Map.of("GET /listings", Route.notImplemented("scheduled-pipelines issue #7")));
    }
}
