package dev.noshowping.functions.images;

import dev.noshowping.http.Route;
import dev.noshowping.lambda.HttpFunction;
import java.util.Map;

/** Presigned screenshot URLs: {@code POST /images}, {@code GET /images/{id}/url}. */
public final class ImageSignHandler extends HttpFunction {

    public ImageSignHandler() {
        super(Map.of(
                "POST /images", Route.notImplemented("seller-flow issue #4"),
                "GET /images/{id}/url", Route.notImplemented("seller-flow issue #4")));
    }
}
