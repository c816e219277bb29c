package org.wubloader.downloader.it;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
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
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> peak = new ConcurrentHashMap<>();

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

    int peakConcurrency(String path) {
        AtomicInteger n = peak.get(path);
        return n == null ? 0 : n.get();
    }

    private void handle(HttpServerRequest req) {
        String path = req.path();
        counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        AtomicInteger current = inFlight.computeIfAbsent(path, p -> new AtomicInteger());
        AtomicInteger max = peak.computeIfAbsent(path, p -> new AtomicInteger());
        max.accumulateAndGet(current.incrementAndGet(), Math::max);
        AtomicInteger once = new AtomicInteger();
        Runnable leave = () -> {
            if (once.getAndIncrement() == 0) {
                current.decrementAndGet();
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
