package dev.noshowping.functions.article;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.noshowping.article.ArticleChanges;
import dev.noshowping.article.ArticlePatch;
import dev.noshowping.article.ArticleQuery;
import dev.noshowping.article.ArticleReads;
import dev.noshowping.article.CreateArticle;
import dev.noshowping.article.NewArticle;
import dev.noshowping.aws.Secrets;
import dev.noshowping.config.Environment;
import dev.noshowping.crypto.FieldCipher;
import dev.noshowping.db.Database;
import dev.noshowping.http.ApiRequest;
import dev.noshowping.http.ApiResponses;
import dev.noshowping.idempotency.IdempotencyKey;
import dev.noshowping.json.Json;
import dev.noshowping.lambda.HttpFunction;
import dev.noshowping.lambda.Lazy;
import dev.noshowping.merchant.NewMerchant;
import dev.noshowping.merchant.RegisterMerchant;
import dev.noshowping.order.OrderPolicy;
import dev.noshowping.savedsearch.SavedSearchRequest;
import dev.noshowping.savedsearch.SavedSearches;
import dev.noshowping.screenshot.ScreenshotStorage;
import dev.noshowping.watch.ArticleWatches;
import java.time.Clock;
import java.util.Map;

/**
 * Merchants, articles, saved searches and watches: {@code POST /merchants}, {@code GET /merchants/me[/articles]},
 * {@code /articles…}, {@code /saved-searches…}, {@code /articles/{id}/watch}.
 */
public final class ArticleApiHandler extends HttpFunction {

    public ArticleApiHandler() {
        this(new UseCases(Clock.systemUTC()));
    }

    private ArticleApiHandler(UseCases u) {
        super(Map.ofEntries(
                Map.entry("POST /merchants", r -> ApiResponses.json(201, u.merchants.register(r.caller(), r.body(NewMerchant.class)))),
                Map.entry("GET /merchants/me", r -> ApiResponses.json(200, u.merchants.me(r.caller()))),
                Map.entry("GET /merchants/me/articles", r -> ApiResponses.json(200, u.reads.mine(r.caller(), r.queryParameters()))),
                Map.entry("POST /articles", u::create),
                Map.entry("GET /articles", r -> ApiResponses.json(200, u.reads.search(r.caller(), ArticleQuery.parse(r.queryParameters())))),
                Map.entry("GET /articles/{id}", r -> ApiResponses.json(200, u.reads.get(r.caller(), r.idParameter("id")))),
                Map.entry("PATCH /articles/{id}", u::patch),
                Map.entry("DELETE /articles/{id}", r -> {
                    u.changes.withdraw(r.caller(), r.idParameter("id"));
                    return ApiResponses.noContent();
                }),
                Map.entry("POST /saved-searches", r -> ApiResponses.json(201,
                        u.savedSearches.create(r.caller(), r.body(SavedSearchRequest.class)))),
                Map.entry("GET /saved-searches", r -> ApiResponses.json(200, u.savedSearches.list(r.caller()))),
                Map.entry("DELETE /saved-searches/{id}", r -> {
                    u.savedSearches.delete(r.caller(), r.idParameter("id"));
                    return ApiResponses.noContent();
                }),
                Map.entry("POST /articles/{id}/watch", r -> {
                    u.watches.watch(r.caller(), r.idParameter("id"));
                    return ApiResponses.noContent();
                }),
                Map.entry("DELETE /articles/{id}/watch", r -> {
                    u.watches.unwatch(r.caller(), r.idParameter("id"));
                    return ApiResponses.noContent();
                })));
    }

    /** Built once per execution environment; what they need from the network is created on first use. */
    private static final class UseCases {
        final RegisterMerchant merchants;
        final CreateArticle articles;
        final ArticleReads reads;
        final ArticleChanges changes;
        final SavedSearches savedSearches;
        final ArticleWatches watches;

        UseCases(Clock clock) {
            Lazy<FieldCipher> cipher = Lazy.of(() -> FieldCipher.from(Environment.current(), Secrets::get));
            Lazy<ScreenshotStorage> storage = Lazy.of(() -> ScreenshotStorage.from(Environment.current()));
            merchants = new RegisterMerchant(Database::dataSource, cipher);
            articles = new CreateArticle(Database::dataSource, cipher, storage, CreateArticle.rate(Environment.current()), clock);
            reads = new ArticleReads(Database::dataSource, cipher, OrderPolicy.from(Environment.current()), clock);
            changes = new ArticleChanges(Database::dataSource);
            savedSearches = new SavedSearches(Database::dataSource);
            watches = new ArticleWatches(Database::dataSource);
        }

        APIGatewayV2HTTPResponse create(ApiRequest r) {
            var caller = r.caller();
            NewArticle body = r.body(NewArticle.class);
            String key = r.header("idempotency-key").orElse(null);
            var result = articles.create(caller, body, key, IdempotencyKey.hash(r.routeKey(), r.rawBody()));
            Map<String, String> headers = result.replayed() ? Map.of("Idempotent-Replayed", "true") : Map.of();
            return switch (result) {
                case CreateArticle.Result.Created created -> ApiResponses.rawJson(201, Json.write(created.article()), headers);
                case CreateArticle.Result.StoredAnswer stored -> ApiResponses.rawJson(201, stored.json(), headers);
            };
        }

        APIGatewayV2HTTPResponse patch(ApiRequest r) {
            var caller = r.caller();
            long id = r.idParameter("id");
            changes.patch(caller, id, r.body(ArticlePatch.class));
            return ApiResponses.json(200, reads.get(caller, id));
        }
    }
}
