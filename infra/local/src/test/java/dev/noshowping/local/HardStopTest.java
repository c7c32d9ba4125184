package dev.noshowping.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noshowping.testkit.FreePort;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code kill -9} of {@code ./run.sh}: the stack's PostgreSQL, started in a child JVM, outlives it on
 * its folder and port; the next start (kept data, {@code --fresh}, or a folder deleted by hand)
 * stops it and comes up on the same port, and no server of that folder is left at the end.
 */
class HardStopTest {

    @TempDir
    Path localDir;

    private Process child;

    @AfterEach
    void cleanUp() {
        if (child != null) {
            child.destroyForcibly();
        }
        LeftoverPostgres.find(localDir.resolve("pg")).ifPresent(LeftoverPostgres::stop);
    }

    @Test
    void theNextStartStopsTheServerAKilledRunLeftAndAnswersOnTheSamePort() throws Exception {
        Path pg = localDir.resolve("pg");
        int port = FreePort.find();
        LeftoverPostgres leftover = runAndKill(pg, port);
        startsAgainAlone(pg, port, leftover);
    }

    @Test
    void freshStopsTheLeftoverBeforeWipingTheFolder() throws Exception {
        Path pg = localDir.resolve("pg");
        int port = FreePort.find();
        LeftoverPostgres leftover = runAndKill(pg, port);
        LocalStack.wipe(localDir);
        assertThat(leftover.alive()).isFalse();
        assertThat(localDir).doesNotExist();
        startsAgainAlone(pg, port, leftover);
    }

    @Test
    void aLeftoverOnAFolderDeletedByHandIsFoundByItsWorkingDirectory() throws Exception {
        Path pg = localDir.resolve("pg");
        int port = FreePort.find();
        LeftoverPostgres leftover = runAndKill(pg, port);
        LocalStack.deleteRecursively(localDir);
        assertThat(LeftoverPostgres.find(pg)).map(LeftoverPostgres::pid).contains(leftover.pid());
        startsAgainAlone(pg, port, leftover);
    }

    /** A start on the folder and port: the leftover is gone, the new server answers, and none is left after it. */
    private static void startsAgainAlone(Path pg, int port, LeftoverPostgres leftover) throws Exception {
        try (LocalPostgres again = LocalPostgres.start(pg, port)) {
            assertThat(leftover.alive()).as("the leftover was stopped").isFalse();
            assertThat(again.port()).isEqualTo(port);
            assertThat(selectOne(port)).isEqualTo(1);
        }
        assertThat(LeftoverPostgres.find(pg)).as("no server of the folder is left").isEmpty();
    }

    /** Starts the child, kills it with SIGKILL, and returns the server it left, still answering. */
    private LeftoverPostgres runAndKill(Path pg, int port) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        // a short-lived JVM: C1 alone starts it in half the CPU
        child = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                PostgresChild.class.getName(), pg.toString(), Integer.toString(port)))
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String ready = CompletableFuture.supplyAsync(() -> out.lines()
                        .filter(line -> line.startsWith("port=")).findFirst().orElse("exited"))
                .get(120, TimeUnit.SECONDS);
        assertThat(ready).isEqualTo("port=" + port);
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.exists(pg.resolve("postmaster.pid"))).isTrue();
        LeftoverPostgres leftover = LeftoverPostgres.find(pg).orElseThrow(
                () -> new AssertionError("no PostgreSQL left running on " + pg + " after kill -9"));
        assertThat(leftover.alive()).isTrue();
        assertThat(selectOne(port)).isEqualTo(1);
        return leftover;
    }

    private static int selectOne(int port) throws SQLException {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL("jdbc:postgresql://localhost:" + port + "/postgres");
        ds.setUser("postgres");
        ds.setConnectTimeout((int) Duration.ofSeconds(10).toSeconds());
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery("select 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
