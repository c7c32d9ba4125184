package dev.noshowping.admin;

import dev.noshowping.config.Environment;
import dev.noshowping.db.Transaction;
import dev.noshowping.domain.Conflict;
import dev.noshowping.domain.NotFound;
import dev.noshowping.domain.ProviderUnavailable;
import dev.noshowping.identity.Caller;
import java.time.Instant;
import java.util.function.Supplier;
import javax.sql.DataSource;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code POST /admin/queues/{name}/redrive}: staff send the messages of one of our dead-letter queues
 * back to the work queue they failed in, once the cause is mended. SQS moves them itself (a message
 * move task, which ElasticMQ also runs locally), a few at a time, so the answer comes before the
 * move ends; the queue depths show it progress. One move per queue at a time.
 */
public final class QueueRedrive {

    /** A move started: which DLQ, SQS's handle of the task, how many messages waited when it began. */
    public record Redrive(long id, String deadLetterQueue, String queue, String taskHandle, int messages,
                          Instant startedAt) {
    }

    private final Supplier<DataSource> dataSource;
    private final WorkQueues queues;

    public QueueRedrive(Supplier<DataSource> dataSource, Supplier<SqsClient> sqs, Supplier<Environment> env) {
        this.dataSource = dataSource;
        this.queues = new WorkQueues(sqs, env);
    }

    public Redrive redrive(Caller caller, String deadLetterQueue, StaffNote note) {
        caller.requireAdmin("only staff redrive dead-letter queues");
        String reason = note.checkedReason();
        String taskHandle;
        String queueName;
        int waiting;
        try {
            var source = queues.read().stream().filter(q -> deadLetterQueue.equals(q.deadLetterQueue())).findFirst()
                    .orElseThrow(() -> new NotFound("no dead-letter queue " + deadLetterQueue + " behind our queues"));
            var dead = queues.attributes(queues.urlOf(deadLetterQueue));
            String deadArn = dead.get(QueueAttributeName.QUEUE_ARN);
            SqsClient sqs = queues.client();
            boolean running = sqs.listMessageMoveTasks(r -> r.sourceArn(deadArn)).results().stream()
                    .anyMatch(t -> "RUNNING".equals(t.status()));
            if (running) {
                throw new Conflict("a redrive of " + deadLetterQueue + " is still running");
            }
            waiting = WorkQueues.count(dead, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
            queueName = source.name();
            String destinationArn = source.attributes().get(QueueAttributeName.QUEUE_ARN);
            taskHandle = sqs.startMessageMoveTask(r -> r.sourceArn(deadArn).destinationArn(destinationArn)).taskHandle();
        } catch (SdkException e) {
            throw new ProviderUnavailable("SQS did not answer: " + e.getMessage());
        }
        // Recorded once SQS has the task: a move that failed to start is nothing staff did.
        return Transaction.run(dataSource.get(), c -> {
            var row = QueueRedriveRepository.insert(c, deadLetterQueue, taskHandle, waiting, caller.subject());
            AdminActionRepository.record(c, caller.subject(), AdminActionKind.QUEUE_REDRIVEN, row.id(), reason);
            return new Redrive(row.id(), deadLetterQueue, queueName, taskHandle, waiting, row.createdAt());
        });
    }
}
