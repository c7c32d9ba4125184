package dev.noshowping.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * S3Mock as its own process, started from its executable jar (its authors advise against the
 * embedded mode). Objects are kept under {@code .local/s3}. It does not check presigned
 * signatures: tests assert what our URLs sign instead, and LocalStack tests check rejection.
 */
public final class S3MockServer implements AutoCloseable {

    private final Process process;
    private final int port;

    private S3MockServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The executable jar Maven copies into {@code testkit/target/s3mock} (see testkit's pom). */
    public static Path defaultJar() {
        String explicit = System.getProperty("noshowping.s3mock.jar");
        if (explicit != null) {
            return Path.of(explicit);
        }
        return Path.of(System.getProperty("noshowping.repo.root", "."), "testkit/target/s3mock/s3mock-exec.jar");
    }

    public static S3MockServer start(Path jar, Path root, Path log, int port) throws IOException {
        if (!Files.exists(jar)) {
            throw new IllegalStateException("S3Mock jar missing at " + jar + " (testkit's build copies it there)");
        }
        int httpPort = port > 0 ? port : FreePort.find();
        Files.createDirectories(root);
        Files.createDirectories(log.getParent());
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1", "-Xmx256m",
                "-jar", jar.toString(),
                "--com.adobe.testing.s3mock.httpPort=" + httpPort,
                "--server.port=0",
                storeRootArgument(root),
                "--com.adobe.testing.s3mock.store.retainFilesOnExit=true",
                "--spring.main.banner-mode=off"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        S3MockServer s3 = new S3MockServer(process, httpPort);
        s3.awaitReady(Duration.ofSeconds(60), log);
        return s3;
    }

    /**
     * Stops an S3Mock an earlier run left serving {@code root} ({@code kill -9} of its parent JVM does not
     * stop it); true if there was one. Recognised by the store root on its command line.
     */
    public static boolean stopLeftover(Path root) {
        String argument = storeRootArgument(root);
        List<ProcessHandle> leftovers;
        try (var all = ProcessHandle.allProcesses()) {
            leftovers = all.filter(p -> p.info().arguments().map(a -> List.of(a).contains(argument)).orElse(false))
                    .toList();
        }
        for (ProcessHandle leftover : leftovers) {
            leftover.destroy();
            try {
                leftover.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                leftover.destroyForcibly();
            }
            System.out.println("stopped an S3Mock (pid " + leftover.pid() + ") left serving " + root + " by an earlier run");
        }
        return !leftovers.isEmpty();
    }

    private static String storeRootArgument(Path root) {
        return "--com.adobe.testing.s3mock.store.root=" + root.toAbsolutePath();
    }

    private void awaitReady(Duration timeout, Path log) throws IOException {
        if (!ServerProcess.answers(endpoint(), process.toHandle(), timeout)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited with " + process.exitValue() + "; see " + log);
            }
            close();
            throw new IllegalStateException("S3Mock did not answer within " + timeout + "; see " + log);
        }
    }


    public String endpoint() {
        return "http://localhost:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
