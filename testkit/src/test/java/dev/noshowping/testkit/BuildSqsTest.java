package dev.noshowping.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The build's one ElasticMQ: started by the first JVM that asks, found by the next, gone with its owner. */
class BuildSqsTest {

    @TempDir
    Path folder;

    @Test
    void everyJvmOfABuildGetsTheOneServerAndItEndsWithItsOwner() throws Exception {
        Process owner = new ProcessBuilder("sleep", "120").start();
        try {
            String first = BuildSqs.endpoint(folder, owner.pid()).orElseThrow();
            assertThat(BuildSqs.endpoint(folder, owner.pid())).as("found, not started again").contains(first);
            ProcessHandle server = ProcessHandle.of(
                    Long.parseLong(Files.readString(folder.resolve("server")).trim().split(" ")[1])).orElseThrow();
            try (SqsClient sqs = SqsExtension.clientAt(first)) {
                String queue = sqs.createQueue(q -> q.queueName(SqsExtension.queueName("build"))).queueUrl();
                sqs.sendMessage(m -> m.queueUrl(queue).messageBody("가는 메시지"));
                assertThat(sqs.receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(5)).messages())
                        .singleElement().satisfies(m -> assertThat(m.body()).isEqualTo("가는 메시지"));
            }

            owner.destroy();
            server.onExit().get(30, TimeUnit.SECONDS);
            assertThat(server.isAlive()).as("the server ends with its owner").isFalse();
            assertThat(BuildSqs.endpoint(folder, owner.pid())).as("no owner, no shared server").isEmpty();
        } finally {
            owner.destroyForcibly();
        }
    }
}
