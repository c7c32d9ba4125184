package dev.noshowping.local.bench;

import dev.noshowping.local.LocalStack;
import dev.noshowping.local.StackOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What every benchmark program runs on: an in-process local stack over a fresh temporary
 * directory (schedules off, no console line per invocation), removed afterwards. The program
 * exits 0 when its body returns, 1 with the failure when it throws: the stack's non-daemon
 * threads must not keep a failed run alive.
 */
final class BenchStack {

    @FunctionalInterface
    interface Body {
        void run(LocalStack stack, Path dir) throws Exception;
    }

    private BenchStack() {
    }

    static void run(String benchmark, Body body) throws IOException {
        Path root = Path.of(System.getProperty("noshowping.repo.root", ".")).toAbsolutePath().normalize();
        Path dir = Files.createTempDirectory("noshowping-bench-" + benchmark + "-");
        int exit = 1;
        long start = System.nanoTime();
        try (LocalStack stack = LocalStack.start(StackOptions.forTests(root, root.resolve("template.yaml"), dir))) {
            stack.host().logInvocations(false);
            System.out.printf("stack up in %.1f s (fresh %s, schedules off)%n", (System.nanoTime() - start) / 1e9, dir);
            body.run(stack, dir);
            exit = 0;
        } catch (Exception e) {
            System.err.println(benchmark + " benchmark failed: " + e);
            e.printStackTrace();
        } finally {
            try {
                LocalStack.deleteRecursively(dir);
            } catch (IOException | UncheckedIOException e) {
                System.err.println("could not remove " + dir + ": " + e);
            }
        }
        System.exit(exit);
    }
}
