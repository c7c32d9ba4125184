package dev.noshowping.functions.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.amazonaws.services.lambda.runtime.tests.annotations.Events;
import dev.noshowping.lambda.LocalContext;
import org.junit.jupiter.params.ParameterizedTest;

class TossWebhookHandlerTest {

    @ParameterizedTest
    @Events(type = APIGatewayV2HTTPEvent.class, events = {
        @Event("events/webhooks/payment-status-changed.json"),
        @Event("events/webhooks/deposit-callback.json")})
    void webhookAnswersNotImplementedWithoutACaller(APIGatewayV2HTTPEvent event) {
        assertThat(event.getRequestContext().getAuthorizer()).as("webhooks carry no JWT").isNull();
        var response = new TossWebhookHandler().handleRequest(event, LocalContext.of("WebhooksFunction", 20));
        assertThat(response.getStatusCode()).isEqualTo(501);
    }
}
