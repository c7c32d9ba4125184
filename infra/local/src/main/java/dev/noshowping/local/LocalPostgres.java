package dev.noshowping.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Embedded PostgreSQL (zonky binaries, no installation) whose data directory lives under
 * {@code .local/}, so articles and orders survive a restart; {@code ./run.sh --fresh} wipes it.
 * A server an earlier run left on the folder ({@code kill -9}) is stopped first
 * ({@link LeftoverPostgres}).
 */
final class LocalPostgres implements AutoCloseable {

    /** How long a stopped server's last process may take to exit before close gives up waiting. */
    private static final Duration EXIT_WAIT = Duration.ofSeconds(5);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private LocalPostgres(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    static LocalPostgres start(Path dataDirectory, int port) throws IOException {
        LeftoverPostgres.stopIfRunning(dataDirectory);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "100");
        if (port > 0) {
            builder.setPort(port);
        }
        return new LocalPostgres(builder.start(), dataDirectory);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    int port() {
        return postgres.getPort();
    }

    /**
     * Stops the server and returns once none of its processes is left: pg_ctl's wait ends when the
     * pid file is gone, which the postmaster removes a moment before it exits, and a start on the
     * folder in that moment would take it for a leftover.
     */
    @Override
    public void close() throws IOException {
        postgres.close();
        long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
        while (LeftoverPostgres.find(dataDirectory).isPresent() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
