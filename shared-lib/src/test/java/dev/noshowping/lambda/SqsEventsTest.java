package dev.noshowping.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqsEventsTest {

    private final List<String> seen = new ArrayList<>();

    private final SqsBatchFunction consumer = new SqsBatchFunction() {
        @Override
        protected void process(SQSEvent.SQSMessage message, Context context) {
            seen.add(message.getMessageId() + ":" + message.getBody() + ":" + message.getEventSourceArn() + ":"
                    + message.getAttributes().get("ApproximateReceiveCount"));
            if (message.getBody().contains("bad")) {
                throw new IllegalArgumentException("bad record");
            }
        }
    };

    private static String batch(String... bodies) {
        StringBuilder records = new StringBuilder();
        for (int i = 0; i < bodies.length; i++) {
            records.append(i == 0 ? "" : ",").append("""
                    {"messageId":"m-%d","receiptHandle":null,"body":"%s","attributes":{"ApproximateReceiveCount":"1"},
                     "messageAttributes":{},"md5OfBody":"x","eventSource":"aws:sqs",
                     "eventSourceARN":"arn:aws:sqs:ap-northeast-2:1:q","awsRegion":"ap-northeast-2"}""".formatted(i + 1, bodies[i]));
        }
        return "{\"Records\":[" + records + "]}";
    }

    private String stream(String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        consumer.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out,
                LocalContext.of("Consumer", 30));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theStreamEntryReportsOnlyTheFailedRecords() throws Exception {
        assertThat(stream(batch("good", "bad", "good")))
                .isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-2\"}]}");
        assertThat(seen).containsExactly("m-1:good:arn:aws:sqs:ap-northeast-2:1:q:1", "m-2:bad:arn:aws:sqs:ap-northeast-2:1:q:1",
                "m-3:good:arn:aws:sqs:ap-northeast-2:1:q:1");
        assertThat(stream("{\"Records\":[]}")).isEqualTo("{\"batchItemFailures\":[]}");
    }

    @Test
    void aBatchThatCannotBeReadFailsTheInvocationSoItComesBack() {
        for (String event : List.of("", "[]", "{\"Records\":{}}", "{\"Records\":[{\"body\":{}}]}",
                "{\"Records\":[{\"messageAttributes\":{\"a\":{\"binaryValue\":\"%%%\"}}}]}")) {
            assertThatThrownBy(() -> stream(event)).as(event).isInstanceOf(JsonProcessingException.class);
        }
        assertThat(seen).isEmpty();
    }

    @Test
    void lambdaPicksTheStreamEntryOfAConsumer() {
        var chosen = java.util.Arrays.stream(consumer.getClass().getMethods())
                .filter(m -> m.getName().equals("handleRequest") && !m.isBridge())
                .max(java.util.Comparator.comparingInt(java.lang.reflect.Method::getParameterCount))
                .orElseThrow();
        assertThat(chosen.getParameterTypes()).containsExactly(java.io.InputStream.class, java.io.OutputStream.class,
                Context.class);
    }
}
