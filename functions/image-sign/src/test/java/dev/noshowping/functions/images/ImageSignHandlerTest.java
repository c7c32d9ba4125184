package dev.noshowping.functions.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.amazonaws.services.lambda.runtime.tests.annotations.Events;
import dev.noshowping.lambda.LocalContext;
import org.junit.jupiter.params.ParameterizedTest;

class ImageSignHandlerTest {

    @ParameterizedTest
    @Events(type = APIGatewayV2HTTPEvent.class, events = {
        @Event("events/image-sign/post-images.json"),
        @Event("events/image-sign/get-image-url.json")})
    void declaredRoutesAnswerNotImplemented(APIGatewayV2HTTPEvent event) {
        var response = new ImageSignHandler().handleRequest(event, LocalContext.of("ImageSignFunction", 20));
        assertThat(response.getStatusCode()).isEqualTo(501);
        assertThat(response.getBody()).contains(event.getRouteKey());
    }
}
