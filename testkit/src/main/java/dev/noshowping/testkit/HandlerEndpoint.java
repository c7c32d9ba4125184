package dev.noshowping.testkit;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * One route of a handler on a real socket, for callers that speak HTTP to us (Toss's webhooks):
 * each request becomes an unauthenticated HTTP API event via {@link ApiCall}, so the answer is
 * also checked against the OpenAPI document.
 */
public final class HandlerEndpoint implements AutoCloseable {

    private final HttpServer server;

    private HandlerEndpoint(HttpServer server) {
        this.server = server;
    }

    public static HandlerEndpoint serve(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                                        String method, String path) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext(path, exchange -> {
                try (exchange) {
                    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    ApiCall call = ApiCall.anonymous().route(method, path).body(body);
                    exchange.getRequestHeaders().forEach((name, values) -> call.header(name, String.join(",", values)));
                    ApiCall.Reply reply = call.invoke(handler);
                    byte[] out = reply.raw() == null ? new byte[0] : reply.raw().getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", String.valueOf(reply.header("Content-Type")));
                    exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
                    if (out.length > 0) {
                        try (OutputStream os = exchange.getResponseBody()) {
                            os.write(out);
                        }
                    }
                } catch (RuntimeException | AssertionError e) {
                    byte[] out = e.toString().getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(500, out.length);
                    exchange.getResponseBody().write(out);
                }
            });
            server.start();
            return new HandlerEndpoint(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String path) {
        return "http://localhost:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
