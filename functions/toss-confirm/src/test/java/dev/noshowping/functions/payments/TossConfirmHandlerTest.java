package dev.noshowping.functions.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.amazonaws.services.lambda.runtime.tests.annotations.Events;
import dev.noshowping.lambda.LocalContext;
import org.junit.jupiter.params.ParameterizedTest;

class TossConfirmHandlerTest {

    @ParameterizedTest
    @Events(type = APIGatewayV2HTTPEvent.class, events = {
        @Event("events/toss-confirm/post-orders.json"),
        @Event("events/toss-confirm/get-order.json"),
        @Event("events/toss-confirm/post-payments-confirm.json"),
        @Event("events/toss-confirm/post-order-cancel.json")})
    void declaredRoutesAnswerNotImplemented(APIGatewayV2HTTPEvent event) {
        var response = new TossConfirmHandler().handleRequest(event, LocalContext.of("TossConfirmFunction", 20));
        assertThat(response.getStatusCode()).isEqualTo(501);
        assertThat(response.getBody()).contains(event.getRouteKey());
    }
}
