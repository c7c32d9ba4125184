package dev.noshowping.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.testkit.ApiCall;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.SqsExtension;
import dev.noshowping.testkit.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** {@code GET /admin/queues} reads each work queue's depth, and its dead-letter queue's, from a real SQS (ElasticMQ). */
@ExtendWith({PostgresExtension.class, SqsExtension.class})
class QueueDepthsTest {

    final AdminApiHandler admin = new AdminApiHandler();

    @Test
    void eachWorkQueueShowsWhatWaitsInItAndInItsDeadLetterQueue() {
        var sqs = SqsExtension.client();
        String queueName = SqsExtension.queueName("crawl-tasks-depth");
        String dlqName = SqsExtension.queueName("crawl-tasks-depth-dlq");
        String dlq = sqs.createQueue(q -> q.queueName(dlqName)).queueUrl();
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String queue = sqs.createQueue(q -> q.queueName(queueName).attributes(Map.of(
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"5\"}")))
                .queueUrl();
        sqs.sendMessage(m -> m.queueUrl(queue).messageBody("task 1"));
        sqs.sendMessage(m -> m.queueUrl(queue).messageBody("task 2"));
        sqs.sendMessage(m -> m.queueUrl(dlq).messageBody("poison"));
        TestDatabase.get().addServiceEnvironment(Map.of("CRAWL_TASKS_QUEUE_URL", queue));

        var reply = ApiCall.asAdmin("ops-kim").get("/admin/queues").invoke(admin);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        JsonNode crawl = null;
        for (JsonNode q : reply.json().get("items")) {
            if (q.get("variable").asText().equals("CRAWL_TASKS_QUEUE_URL")) {
                crawl = q;
            }
        }
        assertThat(crawl).as(reply.raw()).isNotNull();
        assertThat(crawl.at("/queue/name").asText()).isEqualTo(queueName);
        assertThat(crawl.at("/queue/waiting").asInt()).isEqualTo(2);
        assertThat(crawl.at("/deadLetters/name").asText()).isEqualTo(dlqName);
        assertThat(crawl.at("/deadLetters/waiting").asInt()).isEqualTo(1);
        assertThat(reply.json().get("items").findValuesAsText("variable")).as("the notifications queue has no DLQ here")
                .contains("NOTIFICATIONS_QUEUE_URL");
        assertThat(ApiCall.as("user-1").get("/admin/queues").invoke(admin).status()).isEqualTo(403);
    }
}
