package dev.noshowping.db;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.config.ConfigurationException;
import dev.noshowping.json.Json;
import java.io.IOException;

/**
 * Reads the RDS credentials secret ({@code {"username": …, "password": …}}, the shape RDS and
 * {@code GenerateSecretString} produce). Called once, when the pool is first created, so a
 * function that never touches the database never loads the SDK client.
 */
final class SecretsManagerCredentials {

    private SecretsManagerCredentials() {
    }

    static DatabaseSettings.Credentials fetch(String secretArn) {
        try {
            String secret = dev.noshowping.aws.Secrets.get(secretArn);
            JsonNode json = Json.MAPPER.readTree(secret);
            if (!json.hasNonNull("username") || !json.hasNonNull("password")) {
                throw new ConfigurationException("secret " + secretArn + " must hold username and password");
            }
            return new DatabaseSettings.Credentials(json.get("username").asText(), json.get("password").asText());
        } catch (IOException e) {
            throw new ConfigurationException("secret " + secretArn + " is not JSON");
        }
    }
}
