package dev.noshowping.local;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The ops console's static files (the repository's {@code console/} folder) under {@code /admin/},
 * as CloudFront serves them from S3 in AWS. A path is a file of the console only when it is exactly
 * {@code /admin/} or its last segment has a file extension; every other {@code /admin/...} path is
 * the admin API's, so the two share the prefix without a route table of their own.
 */
public final class ConsoleFiles {

    public static final String PREFIX = "/admin/";

    /** What to send back: status, headers, bytes. */
    public record Served(int status, Map<String, String> headers, byte[] body) {
    }

    private static final Pattern FILE_NAME = Pattern.compile("[^/]*[^/.]\\.[A-Za-z0-9]{1,8}");

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("woff2", "font/woff2"));

    private final Path root;

    public ConsoleFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Empty when the request is not for the console's files: the API routes then decide. */
    public Optional<Served> serve(String method, String rawPath) throws IOException {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Optional.empty();
        }
        if (rawPath.equals("/admin")) {
            return Optional.of(new Served(301, Map.of("Location", PREFIX, "Cache-Control", "no-cache"), new byte[0]));
        }
        if (!rawPath.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String relative = rawPath.substring(PREFIX.length());
        if (relative.isEmpty()) {
            relative = "index.html";
        } else if (!FILE_NAME.matcher(relative.substring(relative.lastIndexOf('/') + 1)).matches()) {
            return Optional.empty();
        }
        Optional<Path> file = resolve(relative);
        if (file.isEmpty()) {
            return Optional.of(notFound());
        }
        byte[] body = method.equals("HEAD") ? new byte[0] : Files.readAllBytes(file.get());
        return Optional.of(new Served(200, Map.of(
                "Content-Type", type(file.get()),
                // the page changes with every commit and has no build step to fingerprint names
                "Cache-Control", "no-cache",
                "X-Content-Type-Options", "nosniff"), body));
    }

    /** The file under the root, or empty for anything that is not one plainly inside it. */
    private Optional<Path> resolve(String relative) {
        String decoded;
        try {
            decoded = URLDecoder.decode(relative.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (decoded.contains("\\") || decoded.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        for (String segment : decoded.split("/", -1)) {
            // no empty, hidden, "." or ".." segment: the path names a file below the root or nothing
            if (segment.isEmpty() || segment.startsWith(".")) {
                return Optional.empty();
            }
        }
        Path file = root.resolve(decoded).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            if (!file.toRealPath().startsWith(root.toRealPath())) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(file);
    }

    private static String type(Path file) {
        String name = file.getFileName().toString();
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }

    private static Served notFound() {
        return new Served(404, Map.of("Content-Type", "text/plain; charset=utf-8", "Cache-Control", "no-cache"),
                "not found\n".getBytes(StandardCharsets.UTF_8));
    }
}
