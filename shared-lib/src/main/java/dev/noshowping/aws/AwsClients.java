package dev.noshowping.aws;

import dev.noshowping.config.Environment;
import dev.noshowping.config.PerEnvironment;
import java.net.URI;
import java.util.Locale;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Configures SDK clients from the function's {@link Environment}: region, credentials, the JDK's
 * URL connection HTTP client (the lightest for a cold start) and, when set, a per-service endpoint
 * ({@code AWS_ENDPOINT_URL_SQS}, {@code AWS_ENDPOINT_URL_S3}) so the same code talks to the local
 * stack, LocalStack or AWS. In Lambda the credentials come from the default chain (the runtime's
 * variables); in-process hosts install theirs in the environment map.
 */
public final class AwsClients {

    private static final PerEnvironment<SqsClient> SQS = PerEnvironment.of(env -> configure(SqsClient.builder(), env, "SQS")
            .overrideConfiguration(o -> o.apiCallTimeout(java.time.Duration.ofSeconds(2)))
            .build());

    private AwsClients() {
    }

    /**
     * The execution environment's SQS client (outbox publisher, fan-outs, consumers' visibility
     * changes): one connection pool and one SDK start-up per environment, built on first use and
     * again only when a host installs another environment. Each call is bounded at 2 s, retries
     * included: a user's request must not wait long on a sick queue, and whatever a call leaves
     * unsent the outbox sweep or the callers' leases send later.
     */
    public static SqsClient sqs() {
        return SQS.get();
    }

    public static Region region(Environment env) {
        return Region.of(env.get("AWS_REGION", "us-east-1"));
    }

    public static AwsCredentialsProvider credentials(Environment env) {
        if (!env.isProcessEnvironment() && env.optional("AWS_ACCESS_KEY_ID").isPresent()) {
            String id = env.require("AWS_ACCESS_KEY_ID");
            String secret = env.require("AWS_SECRET_ACCESS_KEY");
            return StaticCredentialsProvider.create(env.optional("AWS_SESSION_TOKEN")
                    .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(t -> AwsSessionCredentials.create(id, secret, t))
                    .orElseGet(() -> AwsBasicCredentials.create(id, secret)));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /** The endpoint override for {@code service} ("S3", "SQS"), if any. */
    public static java.util.Optional<URI> endpoint(Environment env, String service) {
        return env.optional("AWS_ENDPOINT_URL_" + service.toUpperCase(Locale.ROOT)).map(URI::create);
    }

    public static <B extends AwsClientBuilder<B, C> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C>
            B configure(B builder, Environment env, String service) {
        builder.region(region(env)).credentialsProvider(credentials(env));
        builder.httpClientBuilder(UrlConnectionHttpClient.builder());
        endpoint(env, service).ifPresent(builder::endpointOverride);
        return builder;
    }
}
