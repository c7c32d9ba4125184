package dev.noshowping.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A PostgreSQL that an earlier run of the stack left on its data folder: {@code kill -9} of
 * {@code ./run.sh} gives the JVM no chance to stop the server it started, which then keeps the
 * port and the folder (even a deleted one) until someone stops it. Found by the pid in the
 * folder's {@code postmaster.pid}, or, when the folder is gone, by a server whose working
 * directory was that folder; a pid is only trusted when {@code /proc} shows a postgres working in
 * that folder, since pids are reused.
 */
final class LeftoverPostgres {

    /** A smart shutdown needs no client; a server that does not stop by then is killed. */
    static final Duration STOP_WAIT = Duration.ofSeconds(20);

    private static final String ZONKY_LOCK_FILE = "epg-lock";

    private final ProcessHandle postmaster;

    private LeftoverPostgres(ProcessHandle postmaster) {
        this.postmaster = postmaster;
    }

    /** The postmaster serving {@code dataDirectory}, if one runs. */
    static Optional<LeftoverPostgres> find(Path dataDirectory) {
        Path folder = realPath(dataDirectory);
        Optional<Long> recorded = recordedPid(folder);
        if (recorded.isPresent()) {
            return ProcessHandle.of(recorded.get()).filter(p -> worksIn(p.pid(), folder)).map(LeftoverPostgres::new);
        }
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(p -> worksIn(p.pid(), folder))
                    .filter(p -> p.parent().map(parent -> !worksIn(parent.pid(), folder)).orElse(true))
                    .findFirst()
                    .map(LeftoverPostgres::new);
        }
    }

    /**
     * Stops the leftover on {@code dataDirectory}, if any, and says so in one line; true if there was one.
     * A server whose run is still going (it holds the folder's lock) is not a leftover: that is refused.
     */
    static boolean stopIfRunning(Path dataDirectory) {
        Optional<LeftoverPostgres> leftover = find(dataDirectory);
        if (leftover.isPresent() && lockedByLiveRun(dataDirectory)) {
            throw new IllegalStateException("the PostgreSQL on " + dataDirectory + " (pid " + leftover.get().pid()
                    + ") belongs to a run of the stack that is still going; stop that one first");
        }
        leftover.ifPresent(pg -> {
            pg.stop();
            System.out.println("stopped a PostgreSQL (pid " + pg.pid() + ") left running on " + dataDirectory
                    + " by an earlier run");
        });
        return leftover.isPresent();
    }

    long pid() {
        return postmaster.pid();
    }

    boolean alive() {
        return postmaster.isAlive();
    }

    /** SIGTERM (smart shutdown), a bounded wait, then SIGKILL for it and the backends it leaves. */
    void stop() {
        List<ProcessHandle> backends = postmaster.descendants().toList();
        postmaster.destroy();
        if (awaitExit(postmaster, STOP_WAIT)) {
            return;
        }
        postmaster.destroyForcibly();
        backends.forEach(ProcessHandle::destroyForcibly);
        if (!awaitExit(postmaster, STOP_WAIT)) {
            throw new IllegalStateException("the PostgreSQL left running (pid " + pid() + ") does not stop");
        }
    }

    /**
     * The embedded server's JVM holds a lock on {@code epg-lock} in the folder while it lives; the
     * kernel drops it when that JVM dies, however it dies.
     */
    private static boolean lockedByLiveRun(Path dataDirectory) {
        Path lockFile = dataDirectory.resolve(ZONKY_LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Polls every 20 ms: the server is not our child, and {@code ProcessHandle.onExit} polls such a
     * process at 300 ms and longer steps, up to a third of a second late.
     */
    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (process.isAlive()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !process.isAlive();
            }
        }
        return true;
    }

    private static Path realPath(Path dataDirectory) {
        try {
            return Files.exists(dataDirectory) ? dataDirectory.toRealPath() : dataDirectory.toAbsolutePath().normalize();
        } catch (IOException e) {
            return dataDirectory.toAbsolutePath().normalize();
        }
    }

    /** The first line of {@code postmaster.pid}: the postmaster's pid (the fourth holds its port). */
    private static Optional<Long> recordedPid(Path folder) {
        Path pidFile = folder.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.getFirst().strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A postgres process whose working directory is {@code folder}, deleted or not ({@code /proc/<pid>/cwd}). */
    private static boolean worksIn(long pid, Path folder) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            String cwd = Files.readSymbolicLink(proc.resolve("cwd")).toString();
            if (!cwd.equals(folder.toString()) && !cwd.equals(folder + " (deleted)")) {
                return false;
            }
            String command = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
            String program = command.split("\0", 2)[0];
            return program.endsWith("postgres") || program.startsWith("postgres:");
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return false;
        }
    }
}
