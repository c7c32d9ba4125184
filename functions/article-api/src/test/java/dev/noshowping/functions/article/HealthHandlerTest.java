package dev.noshowping.functions.article;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.noshowping.lambda.LocalContext;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;

@ExtendWith(PostgresExtension.class)
class HealthHandlerTest {

    @AfterEach
    void restoreDatabase() {
        TestDatabase.get().installEnvironment(Map.of());
    }

    @ParameterizedTest
    @Event(value = "events/article-api/get-health.json", type = APIGatewayV2HTTPEvent.class)
    void aDeepCheckIsUpWhenTheDatabaseAnswers(APIGatewayV2HTTPEvent event) {
        event.setQueryStringParameters(Map.of("deep", "true"));
        APIGatewayV2HTTPResponse response = new HealthHandler().handleRequest(event, LocalContext.of("HealthFunction", 20));
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("\"database\":\"UP\"");
    }

    @ParameterizedTest
    @Event(value = "events/article-api/get-health.json", type = APIGatewayV2HTTPEvent.class)
    void aDeepCheckIsUnavailableWhenTheDatabaseDoesNotAnswerAndThePlainOneNeverAsksIt(APIGatewayV2HTTPEvent event) {
        // a port nothing listens on, and the pool's shortest wait: the deep check says so within a second
        TestDatabase.get().installEnvironment(Map.of(
                "DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/postgres?connectTimeout=1",
                "DATABASE_CONNECTION_TIMEOUT_MILLIS", "250"));
        APIGatewayV2HTTPResponse plain = new HealthHandler().handleRequest(event, LocalContext.of("HealthFunction", 20));
        assertThat(plain.getStatusCode()).as("anyone may call it: it costs no connection").isEqualTo(200);
        assertThat(plain.getBody()).doesNotContain("database");

        event.setQueryStringParameters(Map.of("deep", "true"));
        APIGatewayV2HTTPResponse response = new HealthHandler().handleRequest(event, LocalContext.of("HealthFunction", 20));
        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
    }
}
