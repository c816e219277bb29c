package org.wubloader.backfiller.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.wubloader.common.segment.SegmentPath;
import org.wubloader.common.storage.SegmentListing;

/**
 * A restreamer stand-in for tests: serves a base directory with exactly the endpoints a
 * backfiller uses (docs/api.md §4.2–4.3) — sorted JSON listings, tombstones hidden or listed, files by
 * sendFile — and can be told to misbehave on chosen segment requests.
 */
public final class PeerServer implements AutoCloseable {
    /** How to answer a {@code /segments/…} request. */
    public enum Fault {
        NONE,
        /** 500 with a text body. */
        STATUS_500,
        /** 404 with a text body: a peer that pruned the segment between listing and fetch. */
        STATUS_404,
        /** 302 to elsewhere, with a text body (a backfiller does not follow redirects). */
        REDIRECT_302,
        /** 200 with bytes that do not match the hash in the name. */
        WRONG_BYTES,
        /** Content-Length of the whole file, half of it sent, then the connection closed. */
        TRUNCATE,
        /** Headers and half of the body, then silence (connection kept open). */
        STALL_BODY,
        /** Never answers at all. */
        STALL_HEADERS,
        /** 200 without Content-Length and a body that does not end (bounded at {@link #ENDLESS_LIMIT}). */
        ENDLESS,
        /** The same, with a Content-Length that is already too much. */
        HUGE_LENGTH,
        /** Headers, then one byte every {@link #DRIP_MILLIS} ms: never a stall, never done (bounded at the whole file). */
        SLOW_DRIP
    }

    /** Where an endless body ends after all, so that a test against a backfiller without limits ends too. */
    public static final long ENDLESS_LIMIT = 512L * 1024 * 1024;

    public static final long DRIP_MILLIS = 100;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx;
    private final Path baseDir;
    private final HttpServer server;
    private final List<Map.Entry<Predicate<String>, Fault>> faults = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> listingOverrides = new ConcurrentHashMap<>();
    private final AtomicInteger segmentRequests = new AtomicInteger();
    private volatile boolean listingsFail;
    private volatile int throttleBytes;
    private volatile long throttleMillis;

    private PeerServer(Vertx vertx, Path baseDir) throws Exception {
        this.vertx = vertx;
        this.baseDir = baseDir;
        this.server = vertx.createHttpServer()
                .requestHandler(this::handle)
                .listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
    }

    public static PeerServer start(Vertx vertx, Path baseDir) throws Exception {
        return new PeerServer(vertx, baseDir);
    }

    public int port() {
        return server.actualPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public Path baseDir() {
        return baseDir;
    }

    public int segmentRequests() {
        return segmentRequests.get();
    }

    /** Answers {@code /segments/PATH} requests whose PATH matches with {@code fault} (first match wins). */
    public PeerServer fault(Predicate<String> path, Fault fault) {
        faults.add(Map.entry(path, fault));
        return this;
    }

    /** Answers the listing at {@code path} (e.g. {@code /extras/maps}) with this raw body instead. */
    public PeerServer overrideListing(String path, String body) {
        listingOverrides.put(path, body);
        return this;
    }

    /**
     * Good segments are sent {@code bytes} at a time every {@code millis} ms instead of at once,
     * so that a test can kill a backfiller in the middle of its downloads.
     */
    public PeerServer throttle(int bytes, long millis) {
        throttleBytes = bytes;
        throttleMillis = millis;
        return this;
    }

    /** Every {@code /files…} listing answers 500 from now on. */
    public PeerServer listingsFail() {
        listingsFail = true;
        return this;
    }

    private void handle(HttpServerRequest req) {
        String raw = req.path();
        if (listingsFail && raw.startsWith("/files")) {
            req.response().setStatusCode(500).end("listing broken (injected)\n");
            return;
        }
        String override = listingOverrides.get(raw);
        if (override != null) {
            req.response().putHeader("Content-Type", "application/json").end(override);
            return;
        }
        List<String> parts = new ArrayList<>();
        for (String p : raw.split("/")) {
            if (!p.isEmpty()) {
                parts.add(decode(p));
            }
        }
        for (String p : parts) {
            if (p.startsWith(".") || p.indexOf('/') >= 0 || p.indexOf('\0') >= 0) {
                req.response().setStatusCode(403).end("forbidden path part\n");
                return;
            }
        }
        if (parts.isEmpty()) {
            req.response().setStatusCode(404).end("not found\n");
            return;
        }
        String kind = parts.get(0);
        List<String> rest = parts.subList(1, parts.size());
        switch (kind) {
            case "files" -> files(req, rest);
            case "extras" -> extras(req, rest);
            case "segments" -> segments(req, String.join("/", rest));
            default -> req.response().setStatusCode(404).end("not found\n");
        }
    }

    private void files(HttpServerRequest req, List<String> rest) {
        String tombstones = req.getParam("tombstones", "false");
        if (!tombstones.equalsIgnoreCase("true") && !tombstones.equalsIgnoreCase("false")) {
            req.response().setStatusCode(400).end("tombstones must be true or false\n");
            return;
        }
        Path dir = baseDir;
        for (String p : rest) {
            dir = dir.resolve(p);
        }
        Path target = dir;
        blockingJson(req, () -> switch (rest.size()) {
            case 0, 1, 2 -> SegmentListing.directories(target);
            case 3 ->
                SegmentListing.hour(
                        target,
                        tombstones.equalsIgnoreCase("true")
                                ? EnumSet.of(SegmentListing.Include.TOMBSTONES, SegmentListing.Include.JSON)
                                : EnumSet.of(SegmentListing.Include.JSON));
            default -> null;
        });
    }

    private void extras(HttpServerRequest req, List<String> rest) {
        Path dir = baseDir.resolve(String.join("/", rest));
        blockingJson(req, () -> {
            List<String> out = new ArrayList<>();
            if (Files.isDirectory(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.filter(Files::isRegularFile)
                            .map(p -> dir.relativize(p).toString())
                            .filter(p -> Stream.of(p.split("/")).noneMatch(s -> s.startsWith(".")))
                            .sorted()
                            .forEach(out::add);
                }
            }
            return out;
        });
    }

    private interface Lister {
        List<String> list() throws IOException;
    }

    private void blockingJson(HttpServerRequest req, Lister lister) {
        vertx.executeBlocking(lister::list, false).onComplete(result -> {
            if (result.failed()) {
                req.response().setStatusCode(500).end(result.cause().toString());
            } else if (result.result() == null) {
                req.response().setStatusCode(404).end("not found\n");
            } else {
                try {
                    req.response()
                            .putHeader("Content-Type", "application/json")
                            .end(JSON.writeValueAsString(result.result()));
                } catch (JsonProcessingException e) {
                    req.response().setStatusCode(500).end(e.toString());
                }
            }
        });
    }

    private void segments(HttpServerRequest req, String relative) {
        segmentRequests.incrementAndGet();
        Path file = baseDir.resolve(relative).normalize();
        if (!file.startsWith(baseDir)) {
            req.response().setStatusCode(403).end("outside base dir\n");
            return;
        }
        Fault fault = Fault.NONE;
        synchronized (faults) {
            for (Map.Entry<Predicate<String>, Fault> f : faults) {
                if (f.getKey().test(relative)) {
                    fault = f.getValue();
                    break;
                }
            }
        }
        Fault chosen = fault;
        vertx.executeBlocking(
                        () -> {
                            String name = file.getFileName().toString();
                            if (name.endsWith(SegmentPath.EXTENSION)
                                    && Files.exists(file.resolveSibling(SegmentPath.tombstoneName(name)))) {
                                return null;
                            }
                            return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
                        },
                        false)
                .onComplete(result -> {
                    if (result.failed()) {
                        req.response().setStatusCode(500).end(result.cause().toString());
                    } else if (result.result() == null) {
                        req.response().setStatusCode(404).end("no such file\n");
                    } else {
                        answer(req, file, result.result(), chosen);
                    }
                });
    }

    private void answer(HttpServerRequest req, Path file, byte[] bytes, Fault fault) {
        var resp = req.response();
        switch (fault) {
            case NONE -> {
                resp.putHeader("Content-Type", "video/MP2T");
                if (throttleBytes > 0) {
                    resp.putHeader("Content-Length", Integer.toString(bytes.length));
                    trickle(req, bytes, 0);
                } else {
                    resp.sendFile(file.toString());
                }
            }
            case STATUS_500 -> resp.setStatusCode(500).end("internal error (injected)\n");
            case STATUS_404 -> resp.setStatusCode(404).end("no such file (injected)\n");
            case REDIRECT_302 ->
                resp.setStatusCode(302)
                        .putHeader("Location", "http://127.0.0.1:1/elsewhere")
                        .end("moved (injected)\n");
            case WRONG_BYTES -> {
                byte[] wrong = bytes.clone();
                if (wrong.length == 0) {
                    wrong = new byte[] {1};
                } else {
                    wrong[wrong.length / 2] ^= 0x55;
                }
                resp.putHeader("Content-Type", "video/MP2T").end(Buffer.buffer(wrong));
            }
            case TRUNCATE -> {
                resp.putHeader("Content-Length", Integer.toString(bytes.length));
                resp.write(Buffer.buffer(java.util.Arrays.copyOf(bytes, bytes.length / 2)))
                        .onComplete(v -> req.connection().close());
            }
            case STALL_BODY -> {
                resp.putHeader("Content-Length", Integer.toString(bytes.length));
                resp.write(Buffer.buffer(java.util.Arrays.copyOf(bytes, bytes.length / 2)));
            }
            case STALL_HEADERS -> {
                // say nothing
            }
            case ENDLESS -> {
                resp.setChunked(true).putHeader("Content-Type", "video/MP2T");
                endless(req, Buffer.buffer(new byte[64 * 1024]), 0);
            }
            case HUGE_LENGTH -> {
                resp.putHeader("Content-Length", Long.toString(ENDLESS_LIMIT)).putHeader("Content-Type", "video/MP2T");
                endless(req, Buffer.buffer(new byte[64 * 1024]), 0);
            }
            case SLOW_DRIP -> {
                resp.putHeader("Content-Length", Integer.toString(bytes.length))
                        .putHeader("Content-Type", "video/MP2T");
                resp.writeHead();
                drip(req, bytes, 0);
            }
        }
    }

    private void endless(HttpServerRequest req, Buffer chunk, long sent) {
        var resp = req.response();
        while (!resp.writeQueueFull()) {
            if (resp.closed() || sent >= ENDLESS_LIMIT) {
                if (!resp.closed()) {
                    resp.end();
                }
                return;
            }
            resp.write(chunk);
            sent += chunk.length();
        }
        long total = sent;
        resp.drainHandler(v -> endless(req, chunk, total));
    }

    private void trickle(HttpServerRequest req, byte[] bytes, int at) {
        var resp = req.response();
        if (resp.closed()) {
            return;
        }
        int n = Math.min(throttleBytes, bytes.length - at);
        if (at + n >= bytes.length) {
            resp.end(Buffer.buffer(java.util.Arrays.copyOfRange(bytes, at, bytes.length)));
            return;
        }
        resp.write(Buffer.buffer(java.util.Arrays.copyOfRange(bytes, at, at + n)));
        vertx.setTimer(throttleMillis, id -> trickle(req, bytes, at + n));
    }

    private void drip(HttpServerRequest req, byte[] bytes, int at) {
        var resp = req.response();
        if (resp.closed()) {
            return;
        }
        if (at >= bytes.length) {
            resp.end();
            return;
        }
        resp.write(Buffer.buffer(new byte[] {bytes[at]}));
        vertx.setTimer(DRIP_MILLIS, id -> drip(req, bytes, at + 1));
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            server.close().await(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("peer server did not close", e);
        }
    }

    /** Starts closing without waiting (used where the event loop must not block). */
    public Future<Void> closeAsync() {
        return server.close();
    }
}
