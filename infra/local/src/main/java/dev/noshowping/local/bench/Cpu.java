package dev.noshowping.local.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time used so far by this JVM and by the embedded PostgreSQL (its postmaster, found by the
 * data directory on its command line, and every process under it). Differences between two
 * samples, divided by the operations in between, say where a request's CPU goes. Best effort:
 * where the operating system does not tell, PostgreSQL's share reads as unknown.
 */
final class Cpu {

    record Sample(long jvmNanos, long postgresNanos) {
    }

    private final Path dataDirectory;

    Cpu(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    Sample sample() {
        long jvm = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
        return new Sample(jvm, postgres());
    }

    private long postgres() {
        String dir = dataDirectory.toString();
        Optional<ProcessHandle> postmaster = ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(args -> Stream.of(args).anyMatch(a -> a.startsWith(dir))).orElse(false))
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .findFirst();
        if (postmaster.isEmpty()) {
            return -1;
        }
        return Stream.concat(Stream.of(postmaster.get()), postmaster.get().descendants())
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                .sum();
    }

    /** Milliseconds of CPU per operation between two samples, or NaN when unknown. */
    static double[] perOperation(Sample before, Sample after, int operations) {
        return new double[] {
                before.jvmNanos() < 0 ? Double.NaN : (after.jvmNanos() - before.jvmNanos()) / 1e6 / operations,
                before.postgresNanos() < 0 || after.postgresNanos() < 0 ? Double.NaN
                        : (after.postgresNanos() - before.postgresNanos()) / 1e6 / operations};
    }
}
