package dev.noshowping.functions.article;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.amazonaws.services.lambda.runtime.tests.annotations.Events;
import dev.noshowping.lambda.LocalContext;
import org.junit.jupiter.params.ParameterizedTest;

/** Until the seller-flow issue, every declared route answers 501 problem+json naming itself. */
class ArticleApiHandlerTest {

    @ParameterizedTest
    @Events(type = APIGatewayV2HTTPEvent.class, events = {
        @Event("events/article-api/post-merchants.json"),
        @Event("events/article-api/get-merchants-me.json"),
        @Event("events/article-api/post-articles.json"),
        @Event("events/article-api/get-articles.json"),
        @Event("events/article-api/get-article.json"),
        @Event("events/article-api/patch-article.json"),
        @Event("events/article-api/delete-article.json")})
    void declaredRoutesAnswerNotImplemented(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = new ArticleApiHandler().handleRequest(event, LocalContext.of("ArticleApiFunction", 20));
        assertThat(response.getStatusCode()).isEqualTo(501);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(response.getBody()).contains(event.getRouteKey());
    }
}
