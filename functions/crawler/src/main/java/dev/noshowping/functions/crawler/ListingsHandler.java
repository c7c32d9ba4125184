package dev.noshowping.functions.crawler;

import dev.noshowping.crawl.ListingQuery;
import dev.noshowping.crawl.ListingReads;
import dev.noshowping.db.Database;
import dev.noshowping.http.ApiResponses;
import dev.noshowping.lambda.HttpFunction;
import java.util.Map;

/** {@code GET /listings}: crawled external listings by keyword, source and status. */
public final class ListingsHandler extends HttpFunction {

    public ListingsHandler() {
        this(new ListingReads(Database::dataSource));
    }

    private ListingsHandler(ListingReads reads) {
        super(Map.of("GET /listings", r -> {
            r.caller();   // anyone signed in
            return ApiResponses.json(200, reads.search(ListingQuery.parse(r.queryParameters())));
        }));
    }
}
