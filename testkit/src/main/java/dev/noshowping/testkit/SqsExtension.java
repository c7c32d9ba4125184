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
 * {@code @ExtendWith({PostgresExtension.class, SqsExtension.class})}: one ElasticMQ (a real SQS
 * implementation) per test JVM with the notifications queue, emptied before each test, installed
 * as {@code NOTIFICATIONS_QUEUE_URL} and {@code AWS_ENDPOINT_URL_SQS}.
 */
public final class SqsExtension implements BeforeAllCallback, BeforeEachCallback {

    private static SqsServer server;
    private static SqsClient client;
    private static String notifications;

    private static synchronized void start() {
        if (server == null) {
            server = SqsServer.start(0);
            client = clientAt(server.endpoint());
            notifications = client.createQueue(q -> q.queueName("notifications")).queueUrl();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
        TestDatabase.get().addServiceEnvironment(Map.of(
                "NOTIFICATIONS_QUEUE_URL", notifications,
                "AWS_ENDPOINT_URL_SQS", server.endpoint(),
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
