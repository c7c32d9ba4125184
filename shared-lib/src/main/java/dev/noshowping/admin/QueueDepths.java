package dev.noshowping.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.noshowping.config.Environment;
import dev.noshowping.domain.ProviderUnavailable;
import dev.noshowping.identity.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code GET /admin/queues}: how many messages wait in each work queue and in its dead-letter queue,
 * read from SQS.
 */
public final class QueueDepths {

    public record Depth(String name, int waiting, int inFlight, int delayed) {
    }

    public record QueueView(String variable, Depth queue, @JsonInclude(JsonInclude.Include.ALWAYS) Depth deadLetters) {
    }

    private final WorkQueues queues;

    public QueueDepths(Supplier<SqsClient> sqs, Supplier<Environment> env) {
        this.queues = new WorkQueues(sqs, env);
    }

    public List<QueueView> depths(Caller caller) {
        caller.requireAdmin("only staff read the queues");
        List<QueueView> out = new ArrayList<>();
        try {
            for (var q : queues.read()) {
                String dlq = q.deadLetterQueue();
                Depth dead = dlq == null ? null : depth(dlq, queues.attributes(queues.urlOf(dlq)));
                out.add(new QueueView(q.variable(), depth(q.name(), q.attributes()), dead));
            }
        } catch (SdkException e) {
            throw new ProviderUnavailable("SQS did not answer: " + e.getMessage());
        }
        return out;
    }

    private static Depth depth(String name, Map<QueueAttributeName, String> a) {
        return new Depth(name, WorkQueues.count(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
                WorkQueues.count(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
                WorkQueues.count(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
    }
}
