package dev.noshowping.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noshowping.testkit.Await;
import dev.noshowping.testkit.RepoRoot;
import dev.noshowping.testkit.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The local event source mapping behaves like Lambda's: a record reported failed comes back alone,
 * its batch-mates do not, and after maxReceiveCount receives the queue's redrive policy moves it
 * to the DLQ. Runs against ElasticMQ, a real SQS implementation, through the real poller.
 */
class SqsPollerTest {

    @TempDir
    static Path localDir;

    static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        Path root = RepoRoot.path();
        // the build's migrated template as a kept .local/pg: no initdb, no migration to apply
        TestPostgres.seed(LocalStack.postgresDirectory(localDir));
        stack = LocalStack.start(StackOptions.forTests(root,
                Path.of(SqsPollerTest.class.getResource("/sqs-semantics-template.yaml").toURI()), localDir));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void failedRecordIsRedeliveredAloneAndReachesTheDlqAfterFiveReceives() throws Exception {
        PoisonMessageScenario.run(stack, "elasticmq");
    }

    @Test
    void onlyTheFailedRecordOfABatchComesBack() throws Exception {
        String queue = stack.sqs().createQueue(r -> r.queueName("DirectQueue")
                .attributes(java.util.Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"))).queueUrl();
        SamTemplate.SqsSource source = new SamTemplate.SqsSource("DirectQueue", 10, true, 1);
        SqsPoller poller = new SqsPoller(stack.host(), stack.sqs(), "PartialFailureConsumer", source, queue, 1);
        stack.sqs().sendMessageBatch(r -> r.queueUrl(queue).entries(
                SendMessageBatchRequestEntry.builder().id("a").messageBody("batch-ok-a").build(),
                SendMessageBatchRequestEntry.builder().id("b").messageBody("poison-batch").build(),
                SendMessageBatchRequestEntry.builder().id("c").messageBody("batch-ok-b").build()));

        assertThat(poller.pollOnce()).as("one batch of three").isEqualTo(3);
        Await.until(Duration.ofSeconds(10), "the failed record is visible again", () -> approximateVisible(queue) == 1);
        assertThat(poller.pollOnce()).as("only the failed record comes back").isEqualTo(1);

        assertThat(RecordingConsumer.deliveries("batch-ok-a")).isEqualTo(1);
        assertThat(RecordingConsumer.deliveries("batch-ok-b")).isEqualTo(1);
        assertThat(RecordingConsumer.deliveries("poison-batch")).isEqualTo(2);
    }

    private static int approximateVisible(String queueUrl) {
        return Integer.parseInt(stack.sqs().getQueueAttributes(r -> r.queueUrl(queueUrl)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

}
