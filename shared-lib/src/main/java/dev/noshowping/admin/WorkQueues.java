package dev.noshowping.admin;

import dev.noshowping.config.Environment;
import dev.noshowping.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The work queues of this deployment, named by the variables every function's environment has, and
 * each one's dead-letter queue as its redrive policy names it (SQS and ElasticMQ both keep it).
 * Callers turn {@link software.amazon.awssdk.core.exception.SdkException} into their own answer.
 */
final class WorkQueues {

    /** The work queues, by the variable that names them in every function's environment. */
    static final List<String> QUEUE_VARIABLES = List.of("NOTIFICATIONS_QUEUE_URL", "CRAWL_TASKS_QUEUE_URL",
            "RESALE_CHECKS_QUEUE_URL");

    /** A configured queue, its attributes as just read, and its DLQ's name (null without one). */
    record WorkQueue(String variable, String url, Map<QueueAttributeName, String> attributes, String deadLetterQueue) {

        String name() {
            return url.substring(url.lastIndexOf('/') + 1);
        }
    }

    private final Supplier<SqsClient> sqs;
    private final Supplier<Environment> env;

    WorkQueues(Supplier<SqsClient> sqs, Supplier<Environment> env) {
        this.sqs = sqs;
        this.env = env;
    }

    List<WorkQueue> read() {
        List<WorkQueue> out = new ArrayList<>();
        for (String variable : QUEUE_VARIABLES) {
            var url = env.get().optional(variable);
            if (url.isPresent()) {
                var attributes = attributes(url.get());
                out.add(new WorkQueue(variable, url.get(), attributes,
                        deadLetterQueueName(attributes.get(QueueAttributeName.REDRIVE_POLICY))));
            }
        }
        return out;
    }

    SqsClient client() {
        return sqs.get();
    }

    String urlOf(String queueName) {
        return sqs.get().getQueueUrl(r -> r.queueName(queueName)).queueUrl();
    }

    Map<QueueAttributeName, String> attributes(String url) {
        return sqs.get().getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes();
    }

    static int count(Map<QueueAttributeName, String> a, QueueAttributeName name) {
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
}
