package dev.noshowping.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3Mock (a real S3 implementation over HTTP) with this JVM's screenshots bucket, installed in
 * the handlers' environment as {@code AWS_ENDPOINT_URL_S3}. {@code ./test.sh} starts one S3Mock for
 * the whole build and names it in {@code NOSHOWPING_TEST_S3_ENDPOINT} (a start costs seconds of CPU
 * in every module otherwise); without it, as under a single module's Maven run, the JVM starts its own.
 */
public final class TestStorage {

    /** The bucket of this test JVM: its own, so JVMs sharing one S3Mock never see each other's objects. */
    public static final String BUCKET = "screenshots-" + ProcessHandle.current().pid();
    static final String SHARED_ENDPOINT = "NOSHOWPING_TEST_S3_ENDPOINT";
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
        String shared = System.getenv(SHARED_ENDPOINT);
        if (instance == null && shared != null && !shared.isBlank()) {
            instance = new TestStorage(shared);
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
