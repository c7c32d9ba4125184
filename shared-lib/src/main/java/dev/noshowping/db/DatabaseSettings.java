package dev.noshowping.db;

import dev.noshowping.config.Environment;

/**
 * Where the database is and how many connections one execution environment may hold.
 *
 * <p>A Lambda execution environment serves one request at a time, so the pool is tiny (default
 * 2: one for the request, one for the after-commit outbox publish); RDS Proxy multiplexes them.
 *
 * @param jdbcUrl  {@code DATABASE_URL}, a {@code jdbc:postgresql://} URL
 * @param user     {@code DATABASE_USER}
 * @param password {@code DATABASE_PASSWORD}
 * @param poolSize {@code DATABASE_POOL_SIZE}, default 2
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, int poolSize) {

    public static final int DEFAULT_POOL_SIZE = 2;

    public DatabaseSettings {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new dev.noshowping.config.ConfigurationException(
                    "environment variable DATABASE_URL must be a jdbc:postgresql: URL");
        }
        if (poolSize < 1) {
            throw new dev.noshowping.config.ConfigurationException(
                    "environment variable DATABASE_POOL_SIZE must be at least 1, got " + poolSize);
        }
    }

    public static DatabaseSettings from(Environment env) {
        return new DatabaseSettings(
                env.require("DATABASE_URL"),
                env.require("DATABASE_USER"),
                env.require("DATABASE_PASSWORD"),
                env.getInt("DATABASE_POOL_SIZE", DEFAULT_POOL_SIZE));
    }

    @Override
    public String toString() {
        return "DatabaseSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
}
