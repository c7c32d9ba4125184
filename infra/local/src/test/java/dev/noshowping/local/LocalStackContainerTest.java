package dev.noshowping.local;

import dev.noshowping.testkit.RepoRoot;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The same SQS scenario against LocalStack's SQS, on machines with Docker; skipped (not failed)
 * where Docker is absent, as on the development machines. Pinned to 4.14: LocalStack's
 * {@code latest} now asks for an auth token.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackContainerTest {

    @Container
    static final LocalStackContainer LOCALSTACK =
            new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.14")).withServices("sqs", "s3");

    @TempDir
    Path localDir;

    @Test
    void poisonMessageReachesTheDlqAloneOnLocalStack() throws Exception {
        Path root = RepoRoot.path();
        String endpoint = LOCALSTACK.getEndpoint().toString();
        StackOptions options = StackOptions.forTests(root,
                Path.of(getClass().getResource("/sqs-semantics-template.yaml").toURI()), localDir)
                .withAwsEndpoints(endpoint, endpoint);
        try (LocalStack stack = LocalStack.start(options)) {
            PoisonMessageScenario.run(stack, "localstack");
        }
    }
}
