package dev.noshowping.functions.alimtalk;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.noshowping.lambda.LocalContext;
import org.junit.jupiter.params.ParameterizedTest;

class NotificationConsumerTest {

    @ParameterizedTest
    @Event(value = "events/alimtalk/notifications-batch.json", type = SQSEvent.class)
    void keepsEveryMessageUntilTheConsumerIsBuilt(SQSEvent event) {
        SQSBatchResponse response = new NotificationConsumer().handleRequest(event, LocalContext.of("AlimtalkFunction", 30));
        assertThat(response.getBatchItemFailures())
                .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactlyElementsOf(event.getRecords().stream().map(SQSEvent.SQSMessage::getMessageId).toList());
    }
}
