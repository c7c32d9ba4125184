package dev.noshowping.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Who holds a TCP port the stack needs, in one line a person can act on: the listening socket's
 * inode from {@code /proc/net/tcp[6]}, then the process with that socket among its file
 * descriptors. Only processes this user may look into can be named.
 */
final class PortHolder {

    private PortHolder() {
    }

    /** True when nothing listens on {@code port} (any address). */
    static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code "port 3000 (gateway) is in use by pid 123: python3 -m http.server 3000"}, or without the holder if unseen. */
    static String describe(int port, String part) {
        String line = "port " + port + " (" + part + ") is in use";
        return holder(port).map(h -> line + " by " + h).orElse(line + " (by a process this user cannot see)")
                + "; stop it or set another port (README, \"Local stack\")";
    }

    static Optional<String> holder(int port) {
        Set<String> inodes = listeningInodes(port);
        if (inodes.isEmpty()) {
            return Optional.empty();
        }
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> holdsSocket(p, inodes))
                    .findFirst()
                    .map(p -> "pid " + p.getFileName() + ": " + commandLine(p));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** Lines of {@code /proc/net/tcp}: {@code sl local rem st ... inode}; state 0A is LISTEN. */
    private static Set<String> listeningInodes(int port) {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
                        inodes.add(f[9]);
                    }
                }
            } catch (IOException e) {
                // no such table here: nothing to add
            }
        }
        return inodes;
    }

    private static boolean holdsSocket(Path process, Set<String> inodes) {
        try (Stream<Path> fds = Files.list(process.resolve("fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    return target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1));
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private static String commandLine(Path process) {
        try {
            String command = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').strip();
            return command.length() > 160 ? command.substring(0, 160) + "…" : command;
        } catch (IOException e) {
            return "(command unknown)";
        }
    }
}
