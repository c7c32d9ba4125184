package dev.noshowping.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What every emulator of an outside service shares: an HTTP server bound to the loopback
 * interface only, on a given port (0 = any free port), a virtual thread per exchange, one
 * {@link #handle} for every path, its base URL, and close. The port is bound by the constructor and
 * served by {@link #serve} once the subclass is built, so a subclass's fields are set before its
 * first request.
 */
public abstract class EmulatorServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    /** @param what names the emulator in the error when the port cannot be bound */
    protected EmulatorServer(int port, String what) {
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 200);
            server.setExecutor(executor);
            this.server = server;
            this.executor = executor;
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot start " + what + " on port " + port, e);
        }
    }

    /** Starts answering; the static {@code start} of each emulator calls it last. */
    protected final void serve() {
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers one exchange, whatever its path. */
    protected abstract void handle(HttpExchange exchange) throws IOException;

    public final int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://localhost:<port>}. */
    public String baseUrl() {
        return "http://localhost:" + port();
    }

    /** The exchanges' executor, for an emulator's own background work (webhook deliveries). */
    protected final ExecutorService executor() {
        return executor;
    }

    /** Holds an answer back for {@code latency} (an emulator's configured delay); an interrupt ends it early. */
    public static void pause(java.time.Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the server and its threads; an emulator that holds requests releases them first. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
