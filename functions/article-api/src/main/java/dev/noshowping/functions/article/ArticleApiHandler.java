package dev.noshowping.functions.article;

import dev.noshowping.http.Route;
import dev.noshowping.lambda.HttpFunction;
import java.util.Map;

/** Merchants and articles: {@code POST /merchants}, {@code GET /merchants/me}, {@code /articles…}. */
public final class ArticleApiHandler extends HttpFunction {

    private static final String SELLER_FLOW = "seller-flow issue #4";

    public ArticleApiHandler() {
        super(Map.of(
                "POST /merchants", Route.notImplemented(SELLER_FLOW),
                "GET /merchants/me", Route.notImplemented(SELLER_FLOW),
                "POST /articles", Route.notImplemented(SELLER_FLOW),
                "GET /articles", Route.notImplemented(SELLER_FLOW),
                "GET /articles/{id}", Route.notImplemented(SELLER_FLOW),
                "PATCH /articles/{id}", Route.notImplemented(SELLER_FLOW),
                "DELETE /articles/{id}", Route.notImplemented(SELLER_FLOW)));
    }
}
