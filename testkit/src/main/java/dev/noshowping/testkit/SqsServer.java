package dev.noshowping.testkit;

import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** ElasticMQ, an SQS implementation, embedded in this JVM (local stack, tests). Queues are in memory. */
public final class SqsServer implements AutoCloseable {

    private final SQSRestServer server;
    private final int port;

    private SqsServer(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static SqsServer start(int port) {
        int p = port > 0 ? port : FreePort.find();
        SQSRestServer server = SQSRestServerBuilder
                .withPort(p)
                .withInterface("127.0.0.1")
                .withServerAddress(new NodeAddress("http", "localhost", p, ""))
                .withAWSRegion("us-east-1")
                .withAWSAccountId("000000000000")
                .start();
        server.waitUntilStarted();
        return new SqsServer(server, p);
    }

    public String endpoint() {
        return "http://localhost:" + port;
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
