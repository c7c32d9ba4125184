package dev.noshowping.local;

import dev.noshowping.config.Environment;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How to run the stack, from environment variables (documented in the README). Any embedded part
 * is replaced by an existing service when its variable is set:
 * {@code DATABASE_URL} (+ {@code DATABASE_USER}, {@code DATABASE_PASSWORD}), {@code SQS_ENDPOINT},
 * {@code S3_ENDPOINT}. A port of 0 means "any free port" (tests). {@code marketPort} is the second-hand
 * marketplace emulator's ({@code LOCAL_MARKET_PORT}, 9403).
 */
public record StackOptions(Path repoRoot, Path templateFile, Path localDir, int gatewayPort, int postgresPort, int sqsPort, int s3Port,
                           int tossPort, int solapiPort, int discordPort, int marketPort,
                           boolean schedules, int pollWaitSeconds, String region,
                           Optional<String> databaseUrl, String databaseUser, String databasePassword,
                           Optional<String> sqsEndpoint, Optional<String> s3Endpoint, boolean realAwsCredentials) {

    public static final int DEFAULT_MARKET_PORT = 9403;

    /**
     * The options as they were before the marketplace emulator: its port is a free one when the others are
     * ({@code tossPort} 0, as in tests), else {@link #DEFAULT_MARKET_PORT}.
     */
    public StackOptions(Path repoRoot, Path templateFile, Path localDir, int gatewayPort, int postgresPort, int sqsPort, int s3Port,
                        int tossPort, int solapiPort, int discordPort,
                        boolean schedules, int pollWaitSeconds, String region,
                        Optional<String> databaseUrl, String databaseUser, String databasePassword,
                        Optional<String> sqsEndpoint, Optional<String> s3Endpoint, boolean realAwsCredentials) {
        this(repoRoot, templateFile, localDir, gatewayPort, postgresPort, sqsPort, s3Port, tossPort, solapiPort, discordPort,
                tossPort == 0 ? 0 : DEFAULT_MARKET_PORT, schedules, pollWaitSeconds, region, databaseUrl, databaseUser,
                databasePassword, sqsEndpoint, s3Endpoint, realAwsCredentials);
    }

    public static StackOptions from(Environment env, Path repoRoot) {
        return new StackOptions(
                repoRoot,
                repoRoot.resolve("template.yaml"),
                repoRoot.resolve(env.get("LOCAL_DIR", ".local")),
                env.getInt("GATEWAY_PORT", 3000),
                env.getInt("LOCAL_PG_PORT", 55432),
                env.getInt("LOCAL_SQS_PORT", 9324),
                env.getInt("LOCAL_S3_PORT", 9090),
                env.getInt("LOCAL_TOSS_PORT", 9400),
                env.getInt("LOCAL_SOLAPI_PORT", 9401),
                env.getInt("LOCAL_DISCORD_PORT", 9402),
                env.getInt("LOCAL_MARKET_PORT", DEFAULT_MARKET_PORT),
                !"off".equalsIgnoreCase(env.get("LOCAL_SCHEDULES", "on")),
                env.getInt("LOCAL_SQS_WAIT_SECONDS", 2),
                env.get("AWS_REGION", "us-east-1"),
                env.optional("DATABASE_URL"),
                env.get("DATABASE_USER", "postgres"),
                env.get("DATABASE_PASSWORD", "postgres"),
                env.optional("SQS_ENDPOINT"),
                env.optional("S3_ENDPOINT"),
                env.optional("AWS_ACCESS_KEY_ID").isPresent() || env.optional("AWS_PROFILE").isPresent());
    }

    /** Everything embedded on free ports in {@code localDir}, no timers: what tests start. */
    public static StackOptions forTests(Path repoRoot, Path templateFile, Path localDir) {
        return new StackOptions(repoRoot, templateFile, localDir, 0, 0, 0, 0, 0, 0, 0, 0, false, 1, "us-east-1",
                Optional.empty(), "postgres", "postgres", Optional.empty(), Optional.empty(), false);
    }

    /** The same, with SQS and S3 served by existing endpoints (LocalStack, AWS) instead of embedded parts. */
    public StackOptions withAwsEndpoints(String sqs, String s3) {
        return new StackOptions(repoRoot, templateFile, localDir, gatewayPort, postgresPort, sqsPort, s3Port, tossPort, solapiPort, discordPort, marketPort, schedules,
                pollWaitSeconds, region, databaseUrl, databaseUser, databasePassword, Optional.of(sqs), Optional.of(s3),
                realAwsCredentials);
    }

    public StackOptions withDatabase(String jdbcUrl, String user, String password) {
        return new StackOptions(repoRoot, templateFile, localDir, gatewayPort, postgresPort, sqsPort, s3Port, tossPort, solapiPort, discordPort, marketPort, schedules,
                pollWaitSeconds, region, Optional.of(jdbcUrl), user, password, sqsEndpoint, s3Endpoint,
                realAwsCredentials);
    }
}
