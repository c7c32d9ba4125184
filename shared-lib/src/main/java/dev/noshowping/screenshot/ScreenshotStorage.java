package dev.noshowping.screenshot;

import dev.noshowping.aws.AwsClients;
import dev.noshowping.config.Environment;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The private screenshots bucket. Uploads and downloads never pass through a function: the app
 * gets short-lived presigned URLs. Presigning is local computation (no network call); only
 * {@link #head} talks to S3, and only for screenshots no {@code ObjectCreated} event has marked.
 */
public final class ScreenshotStorage implements AutoCloseable {

    /** What the app must send: the URL and the headers signed into it. */
    public record Presigned(URL url, Map<String, String> headers, Instant expiresAt) {
    }

    public record StoredObject(long sizeBytes, String contentType) {
    }

    private final String bucket;
    private final S3Presigner presigner;
    private final S3Client s3;

    public ScreenshotStorage(String bucket, S3Presigner presigner, S3Client s3) {
        this.bucket = bucket;
        this.presigner = presigner;
        this.s3 = s3;
    }

    /** From {@code SCREENSHOTS_BUCKET}, region, credentials and the optional {@code AWS_ENDPOINT_URL_S3}. */
    public static ScreenshotStorage from(Environment env) {
        boolean pathStyle = AwsClients.endpoint(env, "S3").isPresent();
        S3Configuration config = S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build();
        S3Presigner.Builder presigner = S3Presigner.builder()
                .region(AwsClients.region(env))
                .credentialsProvider(AwsClients.credentials(env))
                .serviceConfiguration(config);
        AwsClients.endpoint(env, "S3").ifPresent(presigner::endpointOverride);
        S3Client client = AwsClients.configure(S3Client.builder(), env, "S3").serviceConfiguration(config).build();
        return new ScreenshotStorage(env.require("SCREENSHOTS_BUCKET"), presigner.build(), client);
    }

    /** A PUT URL with the content type and length signed in: S3 refuses any other upload to it. */
    public Presigned presignPut(String key, String contentType, long sizeBytes, Duration ttl) {
        var request = presigner.presignPutObject(p -> p.signatureDuration(ttl)
                .putObjectRequest(o -> o.bucket(bucket).key(key).contentType(contentType).contentLength(sizeBytes)));
        return new Presigned(request.url(), single(request.signedHeaders()), request.expiration());
    }

    public Presigned presignGet(String key, Duration ttl) {
        var request = presigner.presignGetObject(p -> p.signatureDuration(ttl).getObjectRequest(o -> o.bucket(bucket).key(key)));
        return new Presigned(request.url(), Map.of(), request.expiration());
    }

    /** The object's size and type, or empty when nothing was uploaded under {@code key}. */
    public Optional<StoredObject> head(String key) {
        try {
            var head = s3.headObject(h -> h.bucket(bucket).key(key));
            // no length means we cannot confirm what was signed: treat as another size
            return Optional.of(new StoredObject(head.contentLength() == null ? -1 : head.contentLength(),
                    head.contentType()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static Map<String, String> single(Map<String, List<String>> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                out.put(canonical(name), String.join(",", values));
            }
        });
        return out;
    }

    private static String canonical(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "content-type" -> "Content-Type";
            case "content-length" -> "Content-Length";
            default -> name;
        };
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }
}
