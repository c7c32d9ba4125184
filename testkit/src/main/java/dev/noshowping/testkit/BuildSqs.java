package dev.noshowping.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;

/**
 * One ElasticMQ for every test JVM of a {@code ./test.sh} build. Starting one costs ~2.5 s of CPU
 * (an actor system and its HTTP server), which every module using SQS paid before. {@code ./test.sh}
 * names a folder in {@code NOSHOWPING_TEST_SQS_HOME} and its own process in
 * {@code NOSHOWPING_TEST_SQS_OWNER}; the first JVM that wants SQS starts the server as a process of
 * its own, which outlives that JVM and stops when the owner does, and leaves its endpoint in the
 * folder for the others. Without those variables (one module's Maven run) a JVM starts its own.
 * JVMs sharing it keep apart by queue name ({@link SqsExtension#queueName}).
 */
public final class BuildSqs {

    static final String HOME = "NOSHOWPING_TEST_SQS_HOME";
    static final String OWNER = "NOSHOWPING_TEST_SQS_OWNER";
    /** How long a start may take on a busy 2-core machine. */
    private static final Duration START = Duration.ofSeconds(60);

    private BuildSqs() {
    }

    /** The build's ElasticMQ, started by this call if no JVM has yet; empty outside {@code ./test.sh}. */
    static Optional<String> endpoint() {
        String home = System.getenv(HOME);
        String owner = System.getenv(OWNER);
        if (home == null || home.isBlank() || owner == null || !owner.matches("\\d+")) {
            return Optional.empty();
        }
        return endpoint(Path.of(home), Long.parseLong(owner));
    }

    /** The ElasticMQ kept in {@code folder} for as long as process {@code owner} lives; empty once it has ended. */
    static Optional<String> endpoint(Path folder, long owner) {
        if (ProcessHandle.of(owner).isEmpty()) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(folder);
            // JVMs of modules built side by side come here at once: one starts the server, the rest read it
            try (FileChannel channel = FileChannel.open(folder.resolve("lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                Optional<String> running = running(folder.resolve("server"));
                return running.isPresent() ? running : Optional.of(start(folder, owner));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the build's ElasticMQ in " + folder, e);
        }
    }

    /** The endpoint a server left in {@code file} ("endpoint pid"), if its process still answers there. */
    private static Optional<String> running(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String[] line = Files.readString(file).trim().split(" ");
        Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(line[1]));
        return process.isPresent() && ServerProcess.answers(line[0], process.get(), Duration.ofSeconds(2))
                ? Optional.of(line[0]) : Optional.empty();
    }

    private static String start(Path folder, long owner) throws IOException {
        int port = FreePort.find();
        String endpoint = "http://localhost:" + port;
        Path log = folder.resolve("server.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-cp", classPath(),
                BuildSqs.class.getName(), Integer.toString(port), Long.toString(owner), folder.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!ServerProcess.answers(endpoint, process.toHandle(), START)) {
            process.destroyForcibly();
            throw new IllegalStateException("the build's ElasticMQ did not answer within " + START + "; see " + log);
        }
        Path file = folder.resolve("server");
        Path written = Files.writeString(folder.resolve("server.new"), endpoint + " " + process.pid());
        Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return endpoint;
    }

    /**
     * This JVM's class path with every jar's manifest {@code Class-Path} spelled out: surefire starts
     * a JVM from a jar that only lists the class path, and deletes that jar when the JVM ends.
     */
    private static String classPath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            String listed = null;
            if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
                try (JarFile jar = new JarFile(path.toFile())) {
                    listed = jar.getManifest() == null ? null
                            : jar.getManifest().getMainAttributes().getValue("Class-Path");
                }
            }
            if (listed == null || listed.isBlank()) {
                entries.add(entry);
                continue;
            }
            URI base = path.toAbsolutePath().getParent().toUri();
            for (String item : listed.trim().split("\\s+")) {
                entries.add(Path.of(base.resolve(item)).toString());
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** The server process: ElasticMQ on {@code port} until the owner ({@code ./test.sh}) has ended. */
    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Optional<ProcessHandle> owner = ProcessHandle.of(Long.parseLong(args[1]));
        SqsServer server = SqsServer.start(port);
        System.out.println("the build's ElasticMQ on " + server.endpoint() + " until process " + args[1] + " ends");
        owner.ifPresent(o -> o.onExit().join());
        server.close();
        System.exit(0);
    }
}
