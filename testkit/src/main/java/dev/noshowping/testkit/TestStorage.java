package dev.noshowping.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3Mock (a real S3 implementation over HTTP) with this JVM's screenshots bucket, installed in
 * the handlers' environment as {@code AWS_ENDPOINT_URL_S3}. {@code ./test.sh} starts one S3Mock for
 * the whole build and names it in {@code NOSHOWPING_TEST_S3_ENDPOINT}, with its process in
 * {@code NOSHOWPING_TEST_S3_PID} (a start costs seconds of CPU in every module otherwise). It starts
 * beside Maven, so the first JVM to want it may wait for it; if that process is gone, or without it
 * (a single module's Maven run), the JVM starts its own.
 */
public final class TestStorage {

    /** The bucket of this test JVM: its own, so JVMs sharing one S3Mock never see each other's objects. */
    public static final String BUCKET = "screenshots-" + ProcessHandle.current().pid();
    static final String SHARED_ENDPOINT = "NOSHOWPING_TEST_S3_ENDPOINT";
    static final String SHARED_PID = "NOSHOWPING_TEST_S3_PID";
    /** How long a JVM waits for the build's S3Mock to come up (a start takes ~6 s on a busy 2-core machine). */
    private static final Duration SHARED_START = Duration.ofSeconds(90);
    private static TestStorage instance;

    private final String endpoint;
    private final S3Client client;

    private TestStorage(String endpoint) {
        this.endpoint = endpoint;
        this.client = S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        client.createBucket(b -> b.bucket(BUCKET));
    }

    public static synchronized TestStorage get() {
        if (instance == null) {
            sharedEndpoint().ifPresent(endpoint -> instance = new TestStorage(endpoint));
        }
        if (instance == null) {
            try {
                Path root = Files.createTempDirectory("s3mock");
                S3MockServer server = S3MockServer.start(S3MockServer.defaultJar(), root.resolve("data"),
                        root.resolve("s3mock.log"), 0);
                instance = new TestStorage(server.endpoint());
                Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            } catch (IOException e) {
                throw new UncheckedIOException("S3Mock did not start", e);
            }
        }
        return instance;
    }

    /** The build's S3Mock, once it answers; empty when there is none or its process is gone. */
    public static Optional<String> sharedEndpoint() {
        String endpoint = System.getenv(SHARED_ENDPOINT);
        String pid = System.getenv(SHARED_PID);
        if (endpoint == null || endpoint.isBlank() || pid == null || !pid.matches("\\d+")) {
            return Optional.empty();
        }
        Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(pid));
        try {
            return process.isPresent() && ServerProcess.answers(endpoint, process.get(), SHARED_START)
                    ? Optional.of(endpoint) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("waiting for the build's S3Mock", e);
        }
    }

    public Map<String, String> environment() {
        return Map.of(
                "SCREENSHOTS_BUCKET", BUCKET,
                "AWS_ENDPOINT_URL_S3", endpoint,
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test");
    }

    /** The SDK client, for assertions on what is stored. */
    public S3Client client() {
        return client;
    }
}
