package dev.noshowping.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noshowping.db.Database;
import dev.noshowping.testkit.ApiCall;
import dev.noshowping.testkit.Await;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.Rows;
import dev.noshowping.testkit.SqsExtension;
import dev.noshowping.testkit.TestDatabase;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code POST /admin/queues/{name}/redrive} on a real SQS (ElasticMQ runs the same message move task
 * as AWS): the dead letters go back to the queue they failed in, the move is audited, and only our
 * own dead-letter queues can be redriven.
 */
@ExtendWith({PostgresExtension.class, SqsExtension.class})
class QueueRedriveTest {

    static final String NOTE = "{\"reason\":\"크롤러 파서 수정 후 재처리\"}";

    final AdminApiHandler admin = new AdminApiHandler();
    final SqsClient sqs = SqsExtension.client();
    String queue;
    String dlq;
    String dlqName;

    @BeforeEach
    void queueWithItsDeadLetterQueue() {
        String suffix = Long.toString(System.nanoTime());
        dlqName = SqsExtension.queueName("crawl-tasks-redrive-dlq-" + suffix);
        dlq = sqs.createQueue(q -> q.queueName(dlqName)).queueUrl();
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        queue = sqs.createQueue(q -> q.queueName(SqsExtension.queueName("crawl-tasks-redrive-" + suffix)).attributes(Map.of(
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"3\"}")))
                .queueUrl();
        TestDatabase.get().addServiceEnvironment(Map.of("CRAWL_TASKS_QUEUE_URL", queue));
    }

    /** The functions' pool, made anew once the queue is in their environment. */
    static DataSource ds() {
        return Database.dataSource();
    }

    ApiCall.Reply redrive(String subject, String name, String body) {
        var call = subject.startsWith("ops") ? ApiCall.asAdmin(subject) : ApiCall.as(subject);
        return call.post("/admin/queues/{name}/redrive", body).path("name", name).invoke(admin);
    }

    @Test
    void theDeadLettersGoBackToTheirQueueAndTheMoveIsAudited() throws Exception {
        sqs.sendMessage(m -> m.queueUrl(dlq).messageBody("{\"task\":1}"));
        sqs.sendMessage(m -> m.queueUrl(dlq).messageBody("{\"task\":2}"));

        var reply = redrive("ops-kim", dlqName, NOTE);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(202);
        assertThat(reply.json().get("deadLetterQueue").asText()).isEqualTo(dlqName);
        assertThat(reply.json().get("queue").asText()).startsWith("crawl-tasks-redrive-");
        assertThat(reply.json().get("messages").asInt()).isEqualTo(2);
        assertThat(reply.json().get("taskHandle").asText()).isNotBlank();

        Set<String> back = new HashSet<>();
        Await.until(Duration.ofSeconds(10), "both messages back in the work queue", () -> {
            sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()
                    .forEach(m -> back.add(m.body()));
            return back.size() == 2;
        });
        assertThat(back).containsExactlyInAnyOrder("{\"task\":1}", "{\"task\":2}");
        assertThat(sqs.receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(10)).messages()).as("the DLQ is empty").isEmpty();

        long id = reply.json().get("id").asLong();
        assertThat(Rows.text(ds(), "select dead_letter_queue || ' ' || messages || ' ' || admin_subject from queue_redrive where id = " + id))
                .isEqualTo(dlqName + " 2 ops-kim");
        assertThat(Rows.text(ds(), "select kind || ' ' || target_type || ' ' || target_id || ' ' || reason from admin_action"))
                .isEqualTo("QUEUE_REDRIVEN QUEUE_REDRIVE " + id + " 크롤러 파서 수정 후 재처리");
    }

    @Test
    void onlyOurOwnDeadLetterQueuesAreRedrivenAndOnlyByStaffWithAReason() throws Exception {
        String someoneElses = SqsExtension.queueName("someone-elses-dlq");
        sqs.createQueue(q -> q.queueName(someoneElses));
        var notOurs = redrive("ops-kim", someoneElses, NOTE);
        assertThat(notOurs.status()).as(notOurs.raw()).isEqualTo(404);
        assertThat(redrive("ops-kim", queue.substring(queue.lastIndexOf('/') + 1), NOTE).status())
                .as("a work queue is not a dead-letter queue").isEqualTo(404);

        var noReason = redrive("ops-kim", dlqName, "{}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.firstErrorField()).isEqualTo("reason");
        assertThat(redrive("user-1", dlqName, NOTE).status()).isEqualTo(403);
        assertThat(Rows.number(ds(), "select count(*) from queue_redrive")).as("nothing was moved").isZero();
        assertThat(Rows.number(ds(), "select count(*) from admin_action")).isZero();
    }
}
