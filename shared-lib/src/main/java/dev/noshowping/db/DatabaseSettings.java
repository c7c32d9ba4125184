package dev.noshowping.db;

import dev.noshowping.config.ConfigurationException;
import dev.noshowping.config.Environment;
import java.util.function.Function;

/**
 * Where the database is and how many connections one execution environment may hold.
 *
 * <p>A Lambda execution environment serves one request at a time, so the pool is tiny (default
 * 2: one for the request, one for what overlaps it, such as a crawl batch's records running side
 * by side); RDS Proxy multiplexes them.
 *
 * @param jdbcUrl  {@code DATABASE_URL}, a {@code jdbc:postgresql://} URL (query parameters such as
 *                 {@code sslmode=verify-full} allowed)
 * @param user     {@code DATABASE_USER}, or {@code username} of the secret
 * @param password {@code DATABASE_PASSWORD}, or {@code password} of the secret named by
 *                 {@code DATABASE_SECRET_ARN} (how AWS deployments pass it)
 * @param poolSize {@code DATABASE_POOL_SIZE}, default 2
 * @param socketTimeoutSeconds {@code DATABASE_SOCKET_TIMEOUT_SECONDS}, default 30: how long a read may
 *                 wait for the server, above the server's own statement timeout (15 s, set on the
 *                 application role), so a slow statement ends as a clean error there and only a
 *                 dead connection or proxy ends here
 * @param connectionTimeoutMillis {@code DATABASE_CONNECTION_TIMEOUT_MILLIS}, default 5000: how long a
 *                 request waits for a pooled connection (connect and login included) before it fails;
 *                 at least 250, the pool's floor
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, int poolSize, int socketTimeoutSeconds,
                               int connectionTimeoutMillis) {

    public static final int DEFAULT_POOL_SIZE = 2;
    public static final int DEFAULT_SOCKET_TIMEOUT_SECONDS = 30;
    public static final int DEFAULT_CONNECTION_TIMEOUT_MILLIS = 5_000;

    /** Username and password from a Secrets Manager secret ARN. */
    public record Credentials(String user, String password) {
    }

    public DatabaseSettings {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new ConfigurationException("environment variable DATABASE_URL must be a jdbc:postgresql: URL");
        }
        if (poolSize < 1) {
            throw new ConfigurationException(
                    "environment variable DATABASE_POOL_SIZE must be at least 1, got " + poolSize);
        }
        // at most Lambda's longest timeout: a longer one could never fire
        if (socketTimeoutSeconds < 1 || socketTimeoutSeconds > 900) {
            throw new ConfigurationException("environment variable DATABASE_SOCKET_TIMEOUT_SECONDS must be "
                    + "between 1 and 900, got " + socketTimeoutSeconds);
        }
        if (connectionTimeoutMillis < 250 || connectionTimeoutMillis > 900_000) {
            throw new ConfigurationException("environment variable DATABASE_CONNECTION_TIMEOUT_MILLIS must be "
                    + "between 250 and 900000, got " + connectionTimeoutMillis);
        }
    }

    public static DatabaseSettings from(Environment env) {
        return from(env, SecretsManagerCredentials::fetch);
    }

    static DatabaseSettings from(Environment env, Function<String, Credentials> secrets) {
        String url = env.require("DATABASE_URL");
        int poolSize = env.getInt("DATABASE_POOL_SIZE", DEFAULT_POOL_SIZE);
        int socketTimeout = env.getInt("DATABASE_SOCKET_TIMEOUT_SECONDS", DEFAULT_SOCKET_TIMEOUT_SECONDS);
        int connectionTimeout = env.getInt("DATABASE_CONNECTION_TIMEOUT_MILLIS", DEFAULT_CONNECTION_TIMEOUT_MILLIS);
        if (env.optional("DATABASE_PASSWORD").isPresent()) {
            return new DatabaseSettings(url, env.require("DATABASE_USER"), env.require("DATABASE_PASSWORD"), poolSize,
                    socketTimeout, connectionTimeout);
        }
        String secretArn = env.optional("DATABASE_SECRET_ARN").orElseThrow(() -> new ConfigurationException(
                "set DATABASE_PASSWORD (with DATABASE_USER) or DATABASE_SECRET_ARN"));
        Credentials credentials = secrets.apply(secretArn);
        return new DatabaseSettings(url, credentials.user(), credentials.password(), poolSize, socketTimeout,
                connectionTimeout);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", poolSize=" + poolSize
                + ", socketTimeoutSeconds=" + socketTimeoutSeconds + ", connectionTimeoutMillis=" + connectionTimeoutMillis + "]";
    }
}
