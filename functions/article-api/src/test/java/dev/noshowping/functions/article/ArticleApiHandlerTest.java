package dev.noshowping.functions.article;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.amazonaws.services.lambda.runtime.tests.annotations.Events;
import dev.noshowping.testkit.ApiCall;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.S3Extension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The sample events of {@code events/article-api} (what {@code sam local invoke} and
 * {@code ./run.sh invoke} send) reach the handler and get answers the OpenAPI document allows.
 * On an empty database: the sample merchant exists after its own registration event, the
 * articles and screenshots they name do not.
 */
@ExtendWith({PostgresExtension.class, S3Extension.class})
class ArticleApiHandlerTest {

    final ArticleApiHandler api = new ArticleApiHandler();

    @ParameterizedTest
    @Events(type = APIGatewayV2HTTPEvent.class, events = {
        @Event("events/article-api/post-merchants.json"),
        @Event("events/article-api/get-merchants-me.json"),
        @Event("events/article-api/get-merchants-me-articles.json"),
        @Event("events/article-api/post-articles.json"),
        @Event("events/article-api/get-articles.json"),
        @Event("events/article-api/search-articles.json"),
        @Event("events/article-api/get-article.json"),
        @Event("events/article-api/patch-article.json"),
        @Event("events/article-api/delete-article.json"),
        @Event("events/article-api/post-saved-searches.json"),
        @Event("events/article-api/get-saved-searches.json"),
        @Event("events/article-api/delete-saved-search.json"),
        @Event("events/article-api/post-article-watch.json"),
        @Event("events/article-api/delete-article-watch.json")})
    void sampleEventsGetDocumentedAnswers(APIGatewayV2HTTPEvent event) {
        var reply = ApiCall.invoke(api, event);
        assertThat(reply.status()).as(event.getRouteKey() + " " + reply.raw()).isLessThan(500);
        switch (event.getRouteKey()) {
            case "POST /merchants", "POST /saved-searches" -> assertThat(reply.status()).isEqualTo(201);
            case "GET /merchants/me", "GET /articles/{id}", "PATCH /articles/{id}", "DELETE /articles/{id}",
                 "DELETE /saved-searches/{id}", "POST /articles/{id}/watch", "DELETE /articles/{id}/watch" ->
                    assertThat(reply.status()).isEqualTo(404);
            case "GET /articles", "GET /merchants/me/articles", "GET /saved-searches" -> assertThat(reply.status()).isEqualTo(200);
            case "POST /articles" -> assertThat(reply.status()).as("not a merchant in an empty database").isEqualTo(403);
            default -> throw new AssertionError("unexpected route " + event.getRouteKey());
        }
    }
}
