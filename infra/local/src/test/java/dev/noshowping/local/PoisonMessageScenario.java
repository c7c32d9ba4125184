package dev.noshowping.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noshowping.testkit.Await;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Against a stack started from {@code sqs-semantics-template.yaml}: two good messages and one
 * poison message. The good ones are handled once; the poison one is delivered maxReceiveCount (5)
 * times and then sits in the DLQ. Shared by the ElasticMQ and the LocalStack runs.
 */
final class PoisonMessageScenario {

    private PoisonMessageScenario() {
    }

    static void run(LocalStack stack, String tag) throws InterruptedException {
        String queue = stack.queueUrls().get("TestQueue");
        String dlq = stack.queueUrls().get("TestQueueDLQ");
        String ok1 = "ok-1-" + tag;
        String ok2 = "ok-2-" + tag;
        String poison = "poison-" + tag;
        stack.sqs().sendMessageBatch(r -> r.queueUrl(queue).entries(
                SendMessageBatchRequestEntry.builder().id("a").messageBody(ok1).build(),
                SendMessageBatchRequestEntry.builder().id("b").messageBody(poison).build(),
                SendMessageBatchRequestEntry.builder().id("c").messageBody(ok2).build()));

        Await.until(Duration.ofSeconds(60), "the poison message is in the DLQ", () -> count(stack, dlq) == 1);

        assertThat(RecordingConsumer.deliveries(ok1)).as("a good batch-mate is delivered once").isEqualTo(1);
        assertThat(RecordingConsumer.deliveries(ok2)).as("a good batch-mate is delivered once").isEqualTo(1);
        assertThat(RecordingConsumer.deliveries(poison)).as("maxReceiveCount deliveries, then the DLQ").isEqualTo(5);
        List<Message> dead = stack.sqs().receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(10)).messages();
        assertThat(dead).extracting(Message::body).containsExactly(poison);
        assertThat(count(stack, queue)).as("nothing left in the source queue").isZero();
    }

    static int count(LocalStack stack, String queueUrl) {
        var attributes = stack.sqs().getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
