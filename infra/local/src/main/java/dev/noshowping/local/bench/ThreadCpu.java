package dev.noshowping.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of this JVM's threads, JIT compiler and GC threads included, grouped by name with the
 * digits dropped ({@code elasticmq-pekko…}, {@code C2 CompilerThre…}): where a run's CPU went when
 * the whole stack shares one process. Linux only ({@code /proc/self/task}); elsewhere it reports
 * nothing. Thread names are cut at 15 characters by the kernel.
 */
final class ThreadCpu {

    private static final long TICK_MS = 10; // USER_HZ = 100 on Linux

    private final Map<String, Long> ticksByGroup = new HashMap<>();

    /** Ticks per thread (keyed by thread id and name) right now. */
    static Map<String, Long> sample() {
        Map<String, Long> ticks = new HashMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return ticks;
        }
        try (Stream<Path> threads = Files.list(tasks)) {
            threads.forEach(t -> {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(stat.indexOf('(') + 1, close);
                    String[] fields = stat.substring(close + 2).split(" ");
                    // fields 14 and 15 of stat(5), utime and stime, here at 11 and 12
                    ticks.put(t.getFileName() + ":" + name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                } catch (IOException | RuntimeException e) {
                    // the thread ended while we looked
                }
            });
        } catch (IOException e) {
            return ticks;
        }
        return ticks;
    }

    /** Adds what each thread used between two samples to its group. */
    void add(Map<String, Long> before, Map<String, Long> after) {
        after.forEach((thread, ticks) -> ticksByGroup.merge(
                thread.substring(thread.indexOf(':') + 1).replaceAll("\\d+", "N"),
                ticks - before.getOrDefault(thread, 0L), Long::sum));
    }

    /** The largest groups as one line, in ms per operation: {@code gateway-N 0.41, C2 CompilerThre 0.30, …}. */
    String summary(int top, int operations) {
        StringBuilder line = new StringBuilder();
        ticksByGroup.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> line.append(line.isEmpty() ? "" : ", ").append(e.getKey()).append(' ')
                        .append(String.format("%.2f", e.getValue() * TICK_MS / (double) operations)));
        return line.toString();
    }

    /** The groups that used at least 1 % of the total, largest first, as "name ms" lines. */
    void print(String indent) {
        long total = ticksByGroup.values().stream().mapToLong(Long::longValue).sum();
        ticksByGroup.entrySet().stream()
                .filter(e -> e.getValue() * 100 >= total && e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> System.out.printf("%s%-16s %6d ms%n", indent, e.getKey(), e.getValue() * TICK_MS));
    }
}
