package dev.noshowping.local;

import dev.noshowping.testkit.FreePort;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** ElasticMQ, an SQS implementation, embedded in the stack's JVM. Queues are in memory. */
final class LocalSqs implements AutoCloseable {

    private final SQSRestServer server;
    private final int port;

    private LocalSqs(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static LocalSqs start(int port) {
        int p = port > 0 ? port : FreePort.find();
        SQSRestServer server = SQSRestServerBuilder
                .withPort(p)
                .withInterface("127.0.0.1")
                .withServerAddress(new NodeAddress("http", "localhost", p, ""))
                .withAWSRegion("us-east-1")
                .withAWSAccountId("000000000000")
                .start();
        server.waitUntilStarted();
        return new LocalSqs(server, p);
    }

    String endpoint() {
        return "http://localhost:" + port;
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
