package dev.noshowping.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.noshowping.config.Environment;
import dev.noshowping.domain.ProviderUnavailable;
import dev.noshowping.identity.Caller;
import dev.noshowping.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code GET /admin/queues}: how many messages wait in each work queue and in its dead-letter queue
 * (found through the queue's redrive policy, as SQS and ElasticMQ both keep it), read from SQS.
 */
public final class QueueDepths {

    /** The work queues, by the variable that names them in every function's environment. */
    static final List<String> QUEUE_VARIABLES = List.of("NOTIFICATIONS_QUEUE_URL", "CRAWL_TASKS_QUEUE_URL",
            "RESALE_CHECKS_QUEUE_URL");

    public record Depth(String name, int waiting, int inFlight, int delayed) {
    }

    public record QueueView(String variable, Depth queue, @JsonInclude(JsonInclude.Include.ALWAYS) Depth deadLetters) {
    }

    private final Supplier<SqsClient> sqs;
    private final Supplier<Environment> env;

    public QueueDepths(Supplier<SqsClient> sqs, Supplier<Environment> env) {
        this.sqs = sqs;
        this.env = env;
    }

    public List<QueueView> depths(Caller caller) {
        caller.requireAdmin("only staff read the queues");
        List<QueueView> out = new ArrayList<>();
        try {
            for (String variable : QUEUE_VARIABLES) {
                var url = env.get().optional(variable);
                if (url.isPresent()) {
                    Map<QueueAttributeName, String> attributes = attributes(url.get());
                    String dlqName = deadLetterQueueName(attributes.get(QueueAttributeName.REDRIVE_POLICY));
                    Depth dlq = dlqName == null ? null
                            : depth(dlqName, attributes(sqs.get().getQueueUrl(r -> r.queueName(dlqName)).queueUrl()));
                    out.add(new QueueView(variable, depth(nameOf(url.get()), attributes), dlq));
                }
            }
        } catch (SdkException e) {
            throw new ProviderUnavailable("SQS did not answer: " + e.getMessage());
        }
        return out;
    }

    private Map<QueueAttributeName, String> attributes(String url) {
        return sqs.get().getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes();
    }

    private static Depth depth(String name, Map<QueueAttributeName, String> a) {
        return new Depth(name, count(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
                count(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
                count(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
    }

    private static int count(Map<QueueAttributeName, String> a, QueueAttributeName name) {
        String v = a.get(name);
        return v == null ? 0 : Integer.parseInt(v);
    }

    /** {@code {"deadLetterTargetArn": "arn:aws:sqs:region:account:name", …}} → name; null without a policy. */
    static String deadLetterQueueName(String redrivePolicy) {
        if (redrivePolicy == null || redrivePolicy.isBlank()) {
            return null;
        }
        try {
            String arn = Json.MAPPER.readTree(redrivePolicy).path("deadLetterTargetArn").asText("");
            return arn.isEmpty() ? null : arn.substring(arn.lastIndexOf(':') + 1);
        } catch (IOException e) {
            return null;
        }
    }

    private static String nameOf(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }
}
