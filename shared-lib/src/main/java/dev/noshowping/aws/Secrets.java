package dev.noshowping.aws;

import dev.noshowping.config.Environment;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Secret strings from Secrets Manager, read once per execution environment and kept: secrets are
 * needed at first use (pool creation, first encryption), never on every request.
 */
public final class Secrets {

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Secrets() {
    }

    public static String get(String secretArn) {
        return CACHE.computeIfAbsent(secretArn, arn -> {
            Environment env = Environment.current();
            try (SecretsManagerClient client = AwsClients.configure(SecretsManagerClient.builder(), env, "SECRETSMANAGER")
                    .build()) {
                return client.getSecretValue(r -> r.secretId(arn)).secretString();
            }
        });
    }
}
