package dev.noshowping.local.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One buyer's keep-alive HTTP/1.1 connection to the local gateway, as a browser or app keeps one:
 * a request is written in one piece and its fixed-length answer read back on the caller's
 * thread. The load generator runs on the two cores it measures, so it is kept to what the
 * gateway speaks (no chunked bodies, no redirects); {@code java.net.http}'s selector thread alone
 * took ~12 % of the JVM's CPU in a round. Not thread-safe: one buyer, one request at a time. A
 * failure is the caller's to count, never retried: a POST may have been done.
 */
final class BuyerConnection implements AutoCloseable {

    record Response(int status, String body) {
    }

    private final InetSocketAddress address;
    private final String host;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    BuyerConnection(URI gateway) {
        this.address = new InetSocketAddress(gateway.getHost(), gateway.getPort());
        this.host = gateway.getHost() + ":" + gateway.getPort();
    }

    Response post(String path, String bearerToken, String json) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(address, 5_000);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = new BufferedOutputStream(socket.getOutputStream());
        }
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try {
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + bearerToken
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return read();
        } catch (IOException | RuntimeException e) {
            // whatever was half read or written is lost with the connection; the next request opens a new one
            close();
            throw e;
        }
    }

    private Response read() throws IOException {
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.1 status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        int length = -1;
        boolean close = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, Math.max(colon, 0)).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Integer.parseInt(value);
            } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                close = true;
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                throw new IOException("the gateway answered with Transfer-Encoding " + value + "; fixed lengths only");
            }
        }
        byte[] body = in.readNBytes(Math.max(length, 0));
        if (body.length < length) {
            throw new EOFException("connection closed after " + body.length + " of " + length + " bytes");
        }
        if (close) {
            close();
        }
        return new Response(status, new String(body, StandardCharsets.UTF_8));
    }

    /** A header line without its CRLF (ISO-8859-1, as HTTP/1.1 headers are). */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed by the gateway");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }
}
