package dev.noshowping.testkit;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An emulator's HTTP server: bound to the loopback interface only, a virtual thread per
 * exchange, one handler for every path. Bound first and served once the emulator that handles
 * it exists, so an emulator can keep its server in a final field.
 */
public final class LoopbackServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private LoopbackServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds {@code port} (0 = any free port); nothing is served before {@link #serve}.
     *
     * @param what names the emulator in the error when the port cannot be bound
     */
    public static LoopbackServer bind(int port, String what) {
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 200);
            server.setExecutor(executor);
            return new LoopbackServer(server, executor);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot start " + what + " on port " + port, e);
        }
    }

    /** Starts answering every path with {@code handler}. */
    public void serve(HttpHandler handler) {
        server.createContext("/", handler);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://localhost:<port>}. */
    public String baseUrl() {
        return "http://localhost:" + port();
    }

    /** The exchanges' executor, for an emulator's own background work (webhook deliveries). */
    public ExecutorService executor() {
        return executor;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
