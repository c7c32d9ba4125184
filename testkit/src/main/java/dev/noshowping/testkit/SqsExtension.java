package dev.noshowping.testkit;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * {@code @ExtendWith({PostgresExtension.class, SqsExtension.class})}: ElasticMQ (a real SQS
 * implementation) with this JVM's notifications queue, emptied before each test, installed as
 * {@code NOTIFICATIONS_QUEUE_URL} and {@code AWS_ENDPOINT_URL_SQS}. Under {@code ./test.sh} every
 * test JVM uses the build's one server ({@link BuildSqs}), so queues are named per JVM
 * ({@link #queueName}); otherwise the JVM starts its own.
 */
public final class SqsExtension implements BeforeAllCallback, BeforeEachCallback {

    private static String endpoint;
    private static SqsClient client;
    private static String notifications;

    private static synchronized void start() {
        if (endpoint == null) {
            endpoint = BuildSqs.endpoint().orElseGet(() -> {
                SqsServer own = SqsServer.start(0);
                Runtime.getRuntime().addShutdownHook(new Thread(own::close));
                return own.endpoint();
            });
            client = clientAt(endpoint);
            notifications = client.createQueue(q -> q.queueName(queueName("notifications"))).queueUrl();
        }
    }

    /** {@code base} made this JVM's own: test JVMs that share the build's server never see each other's queues. */
    public static String queueName(String base) {
        return base + "-" + ProcessHandle.current().pid();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
        TestDatabase.get().addServiceEnvironment(Map.of(
                "NOTIFICATIONS_QUEUE_URL", notifications,
                "AWS_ENDPOINT_URL_SQS", endpoint,
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test"));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        client.purgeQueue(p -> p.queueUrl(notifications));
    }

    /** An SQS client with the tests' credentials for this endpoint (the caller closes it). */
    public static SqsClient clientAt(String endpoint) {
        return SqsClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** The client of the test JVM's ElasticMQ. */
    public static SqsClient client() {
        start();
        return client;
    }

    /** The notifications queue's URL. */
    public static String notificationsUrl() {
        start();
        return notifications;
    }

    /**
     * Receives what is in the notifications queue now (without deleting it) as Lambda's SQS event
     * source would hand it to a consumer: ids, receipt handles, receive counts and the queue ARN.
     */
    public static com.amazonaws.services.lambda.runtime.events.SQSEvent receiveNotificationsEvent() {
        return receiveEvent(notifications);
    }

    /** As {@link #receiveNotificationsEvent()}, from any queue of the test ElasticMQ. */
    public static com.amazonaws.services.lambda.runtime.events.SQSEvent receiveEvent(String queueUrl) {
        String arn = client.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(software.amazon.awssdk.services.sqs.model.QueueAttributeName.QUEUE_ARN))
                .attributes().get(software.amazon.awssdk.services.sqs.model.QueueAttributeName.QUEUE_ARN);
        List<Message> received = new java.util.ArrayList<>();
        while (true) {
            var batch = client.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .messageSystemAttributeNamesWithStrings("All").messageAttributeNames("All")).messages();
            if (batch.isEmpty()) {
                return SqsRecords.event(received, arn, "us-east-1");
            }
            received.addAll(batch);
        }
    }

    /** Everything in the notifications queue now (received and deleted). */
    public static List<Message> drainNotifications() {
        List<Message> all = new java.util.ArrayList<>();
        while (true) {
            var batch = client.receiveMessage(r -> r.queueUrl(notifications).maxNumberOfMessages(10)
                    .messageAttributeNames("All")).messages();
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch);
            batch.forEach(m -> client.deleteMessage(d -> d.queueUrl(notifications).receiptHandle(m.receiptHandle())));
        }
    }
}
