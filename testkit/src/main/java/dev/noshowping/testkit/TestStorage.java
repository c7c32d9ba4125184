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
 * One S3Mock process per test JVM (a real S3 implementation over HTTP) with the screenshots
 * bucket, installed in the handlers' environment as {@code AWS_ENDPOINT_URL_S3}.
 */
public final class TestStorage {

    public static final String BUCKET = "screenshots-bucket";
    private static TestStorage instance;

    private final S3MockServer server;
    private final S3Client client;

    private TestStorage(S3MockServer server) {
        this.server = server;
        this.client = S3Client.builder()
                .endpointOverride(URI.create(server.endpoint()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        client.createBucket(b -> b.bucket(BUCKET));
    }

    public static synchronized TestStorage get() {
        if (instance == null) {
            try {
                Path root = Files.createTempDirectory("s3mock");
                S3MockServer server = S3MockServer.start(S3MockServer.defaultJar(), root.resolve("data"),
                        root.resolve("s3mock.log"), 0);
                instance = new TestStorage(server);
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
                "AWS_ENDPOINT_URL_S3", server.endpoint(),
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test");
    }

    /** The SDK client, for assertions on what is stored. */
    public S3Client client() {
        return client;
    }
}
