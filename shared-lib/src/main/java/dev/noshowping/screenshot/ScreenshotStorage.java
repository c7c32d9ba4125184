package dev.noshowping.screenshot;

import dev.noshowping.aws.AwsClients;
import dev.noshowping.config.Environment;
import dev.noshowping.net.HttpCall;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.regions.Region;

/**
 * The private screenshots bucket. Uploads and downloads never pass through a function: the app
 * gets short-lived presigned URLs. Presigning is local computation (SigV4, query-string form);
 * only {@link #head} (for screenshots no {@code ObjectCreated} event has marked) and
 * {@link #delete} (retention) talk to S3. Built on the SDK's SigV4 signer and the JDK's HTTP
 * client rather than the S3 client: a few operations do not justify the S3 module's 4.4 MB in
 * every jar that presigns.
 */
public final class ScreenshotStorage {

    /** What the app must send: the URL and the headers signed into it. */
    public record Presigned(URL url, Map<String, String> headers, Instant expiresAt) {
    }

    public record StoredObject(long sizeBytes, String contentType) {
    }

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
    /** A HEAD or a DELETE; a GET reads up to 10 MB for its digest, so its reads may take longer. */
    private static final HttpCall SHORT_CALL = new HttpCall(Duration.ofSeconds(3), Duration.ofSeconds(5));
    private static final HttpCall READ_CALL = new HttpCall(Duration.ofSeconds(3), Duration.ofSeconds(20));

    private final String bucket;
    private final Region region;
    private final URI endpoint;
    private final AwsCredentialsProvider credentials;

    /**
     * @param endpoint an S3-compatible endpoint for path-style URLs ({@code http://localhost:9090}),
     *                 or null for AWS's virtual-hosted URLs
     */
    public ScreenshotStorage(String bucket, Region region, URI endpoint, AwsCredentialsProvider credentials) {
        this.bucket = bucket;
        this.region = region;
        this.endpoint = endpoint;
        this.credentials = credentials;
    }

    /** From {@code SCREENSHOTS_BUCKET}, region, credentials and the optional {@code AWS_ENDPOINT_URL_S3}. */
    public static ScreenshotStorage from(Environment env) {
        return new ScreenshotStorage(env.require("SCREENSHOTS_BUCKET"), AwsClients.region(env),
                AwsClients.endpoint(env, "S3").orElse(null), AwsClients.credentials(env));
    }

    /** A PUT URL with the content type and length signed in: S3 refuses any other upload to it. */
    public Presigned presignPut(String key, String contentType, long sizeBytes, Duration ttl) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Content-Length", Long.toString(sizeBytes));
        return presign(SdkHttpMethod.PUT, key, headers, ttl);
    }

    /**
     * One PUT URL signed with made-up credentials for a made-up bucket: the priming before a
     * SnapStart snapshot. The signer's first use loads ~1 400 classes, ~250–300 ms in a fresh JVM
     * against ~1.5 ms for each URL after it; the credentials are no one's, so nothing secret is in
     * the snapshot, and the real ones are still read on first use.
     */
    public static Presigned primeSigning() {
        return new ScreenshotStorage("priming", Region.AP_NORTHEAST_2, null,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDPRIMING", "priming")))
                .presignPut("screenshots/priming.png", "image/png", 1, Duration.ofMinutes(1));
    }

    public Presigned presignGet(String key, Duration ttl) {
        return presign(SdkHttpMethod.GET, key, Map.of(), ttl);
    }

    /** The object's size and type, or empty when nothing was uploaded under {@code key}. */
    public Optional<StoredObject> head(String key) {
        HttpCall.Head head = send(SHORT_CALL, SdkHttpMethod.HEAD, key, (h, body) -> h);
        if (head.status() == 404) {
            return Optional.empty();
        }
        if (head.status() / 100 != 2) {
            throw new IllegalStateException("S3 answered " + head.status() + " to a HEAD of " + key);
        }
        // no length means we cannot confirm what was signed: treat as another size
        long length = head.header("Content-Length").flatMap(ScreenshotStorage::number).orElse(-1L);
        return Optional.of(new StoredObject(length, head.header("Content-Type").orElse(null)));
    }

    /**
     * The SHA-256 of the object's bytes, read through once (at most the 10 MB a screenshot may be),
     * or empty when nothing is stored under {@code key}.
     */
    public Optional<byte[]> sha256(String key) {
        return send(READ_CALL, SdkHttpMethod.GET, key, (head, body) -> {
            if (head.status() == 404) {
                return Optional.empty();
            }
            if (head.status() / 100 != 2) {
                throw new IllegalStateException("S3 answered " + head.status() + " to a GET of " + key);
            }
            MessageDigest digest = sha256();
            body.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
            return Optional.of(digest.digest());
        });
    }

    /**
     * Deletes the object under {@code key}; a key with no object counts as deleted. In the versioned
     * bucket this leaves a delete marker: the bucket's lifecycle rule removes the old version later.
     */
    public void delete(String key) {
        int status = send(SHORT_CALL, SdkHttpMethod.DELETE, key, (head, body) -> head).status();
        if (status / 100 != 2 && status != 404) {
            throw new IllegalStateException("S3 answered " + status + " to a DELETE of " + key);
        }
    }

    /** {@code method} on the object under {@code key}, through a URL presigned for a minute. */
    private <T> T send(HttpCall call, SdkHttpMethod method, String key, HttpCall.BodyReader<T> reader) {
        Presigned url = presign(method, key, Map.of(), Duration.ofMinutes(1));
        try {
            return call.send(method.name(), url.url().toURI(), Map.of(), null, reader);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " of a screenshot failed", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Long> number(String value) {
        try {
            return Optional.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Presigned presign(SdkHttpMethod method, String key, Map<String, String> headers, Duration ttl) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(method).uri(objectUri(key));
        headers.forEach(request::putHeader);
        var signed = SIGNER.sign(r -> r.identity(credentials.resolveCredentials())
                .request(request.build())
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, ttl)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                // S3 signs the path as sent: no double encoding, no normalisation
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false));
        try {
            return new Presigned(signed.request().getUri().toURL(), headers, Instant.now().plus(ttl));
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Path style against a configured endpoint (local stack, LocalStack), virtual-hosted style on AWS. */
    private URI objectUri(String key) {
        String path = encodePath(key);
        if (endpoint != null) {
            String base = endpoint.toString().replaceAll("/+$", "");
            return URI.create(base + "/" + bucket + "/" + path);
        }
        return URI.create("https://" + bucket + ".s3." + region.id() + ".amazonaws.com/" + path);
    }

    /** Each segment URL-encoded as S3 expects (space as %20), slashes kept. */
    static String encodePath(String key) {
        StringBuilder out = new StringBuilder();
        for (String segment : key.split("/", -1)) {
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20").replace("%7E", "~"));
        }
        return out.toString();
    }
}
