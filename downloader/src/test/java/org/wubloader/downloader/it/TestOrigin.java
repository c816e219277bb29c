package org.wubloader.downloader.it;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny programmable HTTP origin on 127.0.0.1 for fault injection: exact-path routes,
 * request counts and peak concurrency per path, and Range support for static bodies.
 */
public final class TestOrigin implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

    private final Vertx vertx;
    private final HttpServer server;
    private final Map<String, Handler<HttpServerRequest>> routes = new ConcurrentHashMap<>();
    private volatile Handler<HttpServerRequest> fallback;
    /**
     * How long after a request arrives this origin may still be processing the close of an earlier
     * connection that the client had already closed. A client that abandons a stalled request
     * closes its connection and then opens a new one, but the server's event loop can read the new
     * request before the old connection's close in the same round of its selector: a CI run counted
     * two master fetches in flight that way (the downloader's own order was right). An earlier
     * request still open this long after a later one arrived did overlap it.
     */
    private static final long CLOSE_SEEN_WITHIN_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    /** Per path, when each request arrived and when it ended (Long.MAX_VALUE while open). */
    private final Map<String, List<long[]>> spans = new ConcurrentHashMap<>();

    private TestOrigin(Vertx vertx) throws Exception {
        this.vertx = vertx;
        this.server = vertx.createHttpServer()
                .requestHandler(this::handle)
                .listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
    }

    public static TestOrigin start(Vertx vertx) throws Exception {
        return new TestOrigin(vertx);
    }

    Vertx vertx() {
        return vertx;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.actualPort() + path);
    }

    public void route(String path, Handler<HttpServerRequest> handler) {
        routes.put(path, handler);
    }

    /** Handles every path without a route. */
    void fallback(Handler<HttpServerRequest> handler) {
        this.fallback = handler;
    }

    /** A static body, with Range support. */
    void body(String path, byte[] bytes) {
        route(path, req -> sendBytes(req, bytes));
    }

    /** A playlist computed per request. */
    public void playlist(String path, Supplier<String> text) {
        route(
                path,
                req -> req.response()
                        .putHeader("Content-Type", "application/vnd.apple.mpegurl")
                        .putHeader("Cache-Control", "no-cache")
                        .end(text.get()));
    }

    static void sendBytes(HttpServerRequest req, byte[] bytes) {
        String range = req.getHeader("Range");
        if (range != null) {
            Matcher m = RANGE.matcher(range);
            if (m.matches()) {
                int from = Integer.parseInt(m.group(1));
                int to = Math.min(bytes.length - 1, Integer.parseInt(m.group(2)));
                req.response()
                        .setStatusCode(206)
                        .putHeader("Content-Range", "bytes " + from + "-" + to + "/" + bytes.length)
                        .end(Buffer.buffer(bytes).slice(from, to + 1));
                return;
            }
        }
        req.response().end(Buffer.buffer(bytes));
    }

    int requests(String path) {
        AtomicInteger n = counts.get(path);
        return n == null ? 0 : n.get();
    }

    /**
     * The most requests for the path that were in flight at once: for each request, itself and
     * the earlier ones still open {@link #CLOSE_SEEN_WITHIN_NANOS} after it arrived.
     */
    int peakConcurrency(String path) {
        List<long[]> all = spans.get(path);
        if (all == null) {
            return 0;
        }
        List<long[]> copy;
        synchronized (all) {
            copy = all.stream()
                    .map(long[]::clone)
                    .sorted(Comparator.comparingLong(span -> span[0]))
                    .toList();
        }
        int peak = 0;
        for (int i = 0; i < copy.size(); i++) {
            long arrived = copy.get(i)[0];
            int open = 1;
            for (int j = 0; j < i; j++) {
                if (copy.get(j)[1] - arrived > CLOSE_SEEN_WITHIN_NANOS) {
                    open++;
                }
            }
            peak = Math.max(peak, open);
        }
        return peak;
    }

    private void handle(HttpServerRequest req) {
        String path = req.path();
        counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        long[] span = {System.nanoTime(), Long.MAX_VALUE};
        List<long[]> pathSpans = spans.computeIfAbsent(path, p -> new ArrayList<>());
        synchronized (pathSpans) {
            pathSpans.add(span);
        }
        Runnable leave = () -> {
            synchronized (pathSpans) {
                span[1] = Math.min(span[1], System.nanoTime());
            }
        };
        req.response().endHandler(v -> leave.run());
        req.response().closeHandler(v -> leave.run());
        req.connection().closeHandler(v -> leave.run());
        Handler<HttpServerRequest> handler = routes.get(path);
        if (handler == null) {
            handler = fallback;
        }
        if (handler == null) {
            req.response().setStatusCode(404).end("no route " + path);
            return;
        }
        handler.handle(req);
    }

    @Override
    public void close() throws java.io.IOException {
        try {
            server.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new java.io.IOException(e);
        }
    }
}
