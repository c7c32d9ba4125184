package dev.noshowping.local;

import dev.noshowping.config.Environment;
import dev.noshowping.db.ApplicationRole;
import dev.noshowping.testkit.TestStorage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How to run the stack, from environment variables (documented in the README). Any embedded part
 * is replaced by an existing service when its variable is set:
 * {@code DATABASE_URL} (+ {@code DATABASE_USER}, {@code DATABASE_PASSWORD}), {@code SQS_ENDPOINT},
 * {@code S3_ENDPOINT}. A port of 0 means "any free port" (tests). {@code marketPort} is the second-hand
 * marketplace emulator's ({@code LOCAL_MARKET_PORT}, 9403). {@code databaseUser} is the owner role that
 * migrates; {@code appRole} the role the functions log in as ({@code DATABASE_APP_USER},
 * {@code DATABASE_APP_PASSWORD}, {@code DATABASE_STATEMENT_TIMEOUT_SECONDS}), made by the stack at start.
 * {@code outside}: the variables of the {@link OutsideService}s the process sets (a base URL pointed
 * elsewhere and its credentials); those services are not emulated. {@code s3MockEndpoint}: an S3Mock
 * already serving (the test build's, {@link #forTests}), used as the embedded one would be: it sends
 * no notifications, so the stack still puts its pass-through in front of it.
 */
public record StackOptions(Path repoRoot, Path templateFile, Path localDir, int gatewayPort, int postgresPort, int sqsPort, int s3Port,
                           int tossPort, int solapiPort, int discordPort, int marketPort,
                           boolean schedules, int pollWaitSeconds, String region,
                           Optional<String> databaseUrl, String databaseUser, String databasePassword,
                           ApplicationRole appRole, Optional<String> sqsEndpoint, Optional<String> s3Endpoint, boolean realAwsCredentials,
                           Map<String, String> outside, Optional<String> s3MockEndpoint) {

    public StackOptions {
        outside = Map.copyOf(outside);
    }

    public static final int DEFAULT_MARKET_PORT = 9403;

    /** The functions' role when none is named: a local stand-in, like the JWT key. */
    static final String LOCAL_APP_USER = "noshowping_app";
    static final String LOCAL_APP_PASSWORD = "noshowping-app-local";

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
                new ApplicationRole(env.get("DATABASE_APP_USER", LOCAL_APP_USER),
                        env.get("DATABASE_APP_PASSWORD", LOCAL_APP_PASSWORD),
                        env.getInt("DATABASE_STATEMENT_TIMEOUT_SECONDS", ApplicationRole.DEFAULT_STATEMENT_TIMEOUT_SECONDS)),
                env.optional("SQS_ENDPOINT"),
                env.optional("S3_ENDPOINT"),
                env.optional("AWS_ACCESS_KEY_ID").isPresent() || env.optional("AWS_PROFILE").isPresent(),
                outside(env), Optional.empty());
    }

    /** The outside services' variables the environment sets, for the services whose URL it sets. */
    static Map<String, String> outside(Environment env) {
        Map<String, String> outside = new LinkedHashMap<>();
        for (OutsideService service : OutsideService.values()) {
            if (env.optional(service.urlVariable).isPresent()) {
                service.variables().forEach(name -> env.optional(name).ifPresent(value -> outside.put(name, value)));
            }
        }
        return outside;
    }

    /** The marketplace emulator serves the three marketplace hosts: it starts unless all three point elsewhere. */
    boolean emulatesMarket() {
        return emulates(OutsideService.BUNJANG) || emulates(OutsideService.JOONGNA) || emulates(OutsideService.JOONGNA_API);
    }

    /** No marketplace host points at a real site: a crawl may go unpaced. */
    boolean emulatesEveryMarketplace() {
        return emulates(OutsideService.BUNJANG) && emulates(OutsideService.JOONGNA) && emulates(OutsideService.JOONGNA_API);
    }

    /** True when the stack starts an emulator for {@code service}: its base URL points nowhere else. */
    boolean emulates(OutsideService service) {
        return !outside.containsKey(service.urlVariable);
    }

    /**
     * Everything embedded on free ports in {@code localDir}, no timers: what tests start. Storage is
     * the test build's S3Mock when {@code ./test.sh} runs one (a start of its own costs seconds of
     * CPU); the screenshot keys are random, so stacks sharing its bucket never meet.
     */
    public static StackOptions forTests(Path repoRoot, Path templateFile, Path localDir) {
        return new StackOptions(repoRoot, templateFile, localDir, 0, 0, 0, 0, 0, 0, 0, 0, false, 1, "us-east-1",
                Optional.empty(), "postgres", "postgres",
                new ApplicationRole(LOCAL_APP_USER, LOCAL_APP_PASSWORD, ApplicationRole.DEFAULT_STATEMENT_TIMEOUT_SECONDS),
                Optional.empty(), Optional.empty(), false, Map.of(), TestStorage.sharedEndpoint());
    }

    /** The same, with SQS and S3 served by existing endpoints (LocalStack, AWS) instead of embedded parts. */
    public StackOptions withAwsEndpoints(String sqs, String s3) {
        return new StackOptions(repoRoot, templateFile, localDir, gatewayPort, postgresPort, sqsPort, s3Port, tossPort, solapiPort, discordPort, marketPort, schedules,
                pollWaitSeconds, region, databaseUrl, databaseUser, databasePassword, appRole, Optional.of(sqs), Optional.of(s3),
                realAwsCredentials, outside, s3MockEndpoint);
    }

    /** An existing server: its owner role migrates, {@code app} is the role the functions log in as. */
    public StackOptions withDatabase(String jdbcUrl, String user, String password, ApplicationRole app) {
        return new StackOptions(repoRoot, templateFile, localDir, gatewayPort, postgresPort, sqsPort, s3Port, tossPort, solapiPort, discordPort, marketPort, schedules,
                pollWaitSeconds, region, Optional.of(jdbcUrl), user, password, app, sqsEndpoint, s3Endpoint,
                realAwsCredentials, outside, s3MockEndpoint);
    }

    /** The same, with one outside service's variable set as if by the process ({@code TOSS_API_BASE_URL}…). */
    public StackOptions withOutside(String variable, String value) {
        Map<String, String> more = new LinkedHashMap<>(outside);
        more.put(variable, value);
        return new StackOptions(repoRoot, templateFile, localDir, gatewayPort, postgresPort, sqsPort, s3Port, tossPort, solapiPort, discordPort, marketPort, schedules,
                pollWaitSeconds, region, databaseUrl, databaseUser, databasePassword, appRole, sqsEndpoint, s3Endpoint,
                realAwsCredentials, more, s3MockEndpoint);
    }

    /** The same on other ports (a test that needs a port taken). */
    public StackOptions withGatewayPort(int port) {
        return new StackOptions(repoRoot, templateFile, localDir, port, postgresPort, sqsPort, s3Port, tossPort, solapiPort, discordPort, marketPort, schedules,
                pollWaitSeconds, region, databaseUrl, databaseUser, databasePassword, appRole, sqsEndpoint, s3Endpoint,
                realAwsCredentials, outside, s3MockEndpoint);
    }
}
