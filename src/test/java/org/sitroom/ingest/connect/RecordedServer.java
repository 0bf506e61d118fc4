package org.sitroom.ingest.connect;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local HTTP server (127.0.0.1, a free port) answering each request with the next scripted response: recorded
 * bodies from {@code src/test/resources/recorded/}, error statuses, or a body cut short of its Content-Length.
 * It records every request so tests can check what was asked.
 */
final class RecordedServer implements AutoCloseable {

    /** One scripted answer. {@code cutAt} >= 0 sends only that many bytes of a body declared whole. */
    record Reply(int status, Map<String, String> headers, byte[] body, int cutAt) {
        Reply header(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, body, cutAt);
        }
    }

    /** One request received. */
    record Request(String method, URI uri, Map<String, List<String>> headers) {
        String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().getFirst();
                }
            }
            return null;
        }

        String query() {
            return uri.getRawQuery() == null ? "" : uri.getRawQuery();
        }
    }

    private final HttpServer server;
    private final Deque<Reply> replies = new ArrayDeque<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    RecordedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The server's base URL, e.g. {@code http://127.0.0.1:43121}. */
    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The body of a recorded response file under {@code recorded/}. */
    static byte[] recorded(String path) {
        try (InputStream in = RecordedServer.class.getResourceAsStream("/recorded/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no recorded response " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Reply ok(String recordedPath, String contentType) {
        return new Reply(200, Map.of("Content-Type", contentType), recorded(recordedPath), -1);
    }

    static Reply json(String recordedPath) {
        return ok(recordedPath, "application/json; charset=utf-8");
    }

    static Reply status(int status, String body) {
        return new Reply(status, Map.of("Content-Type", "text/plain"), body.getBytes(), -1);
    }

    /** A body that stops after {@code cutAt} bytes although its Content-Length promises all of it. */
    static Reply truncated(String recordedPath, int cutAt) {
        return new Reply(200, Map.of("Content-Type", "application/json"), recorded(recordedPath), cutAt);
    }

    synchronized RecordedServer then(Reply reply) {
        replies.add(reply);
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized int pending() {
        return replies.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI(),
                Map.copyOf(exchange.getRequestHeaders())));
        Reply reply;
        synchronized (this) {
            reply = replies.poll();
        }
        if (reply == null) {
            reply = status(500, "no scripted reply left");
        }
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        boolean noBody = reply.status() == 304 || reply.body().length == 0;
        exchange.sendResponseHeaders(reply.status(), noBody ? -1 : reply.body().length);
        if (noBody) {
            exchange.close();
            return;
        }
        OutputStream out = exchange.getResponseBody();
        if (reply.cutAt() >= 0) {
            out.write(reply.body(), 0, reply.cutAt());
            out.flush();
            // A handler that throws makes HttpServer drop the connection: the client sees the body end short of
            // its Content-Length. (Closing the exchange instead would leave the connection open and the client
            // waiting.)
            throw new IOException("body cut short on purpose after " + reply.cutAt() + " bytes");
        }
        out.write(reply.body());
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
