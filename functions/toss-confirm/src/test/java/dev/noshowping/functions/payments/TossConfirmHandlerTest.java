package dev.noshowping.functions.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.amazonaws.services.lambda.runtime.tests.annotations.Events;
import dev.noshowping.testkit.ApiCall;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.S3Extension;
import dev.noshowping.testkit.TossExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;

/** The sample events of {@code events/toss-confirm} get documented answers (on an empty database: nothing to find). */
@ExtendWith({PostgresExtension.class, S3Extension.class, TossExtension.class})
class TossConfirmHandlerTest {

    final TossConfirmHandler api = new TossConfirmHandler();

    @ParameterizedTest
    @Events(type = APIGatewayV2HTTPEvent.class, events = {
        @Event("events/toss-confirm/post-orders.json"),
        @Event("events/toss-confirm/get-order.json"),
        @Event("events/toss-confirm/post-payments-confirm.json"),
        @Event("events/toss-confirm/post-order-cancel.json"),
        @Event("events/toss-confirm/post-order-transfer.json"),
        @Event("events/toss-confirm/post-order-receive.json"),
        @Event("events/toss-confirm/post-order-dispute.json")})
    void sampleEventsGetDocumentedAnswers(APIGatewayV2HTTPEvent event) {
        var reply = ApiCall.invoke(api, event);
        assertThat(reply.status()).as(event.getRouteKey() + " " + reply.raw()).isEqualTo(404);
    }

    @ParameterizedTest
    @Events(type = APIGatewayV2HTTPEvent.class, events = @Event("events/toss-confirm/get-orders.json"))
    void theSampleListOfMySalesIsAnEmptyPage(APIGatewayV2HTTPEvent event) {
        var reply = ApiCall.invoke(api, event);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        assertThat(reply.json().get("items")).isEmpty();
        assertThat(reply.json().get("nextCursor").isNull()).isTrue();
    }
}
