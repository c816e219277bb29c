package org.wubloader.backfiller.worker;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.streams.ReadStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;
import org.wubloader.common.http.DirectBodies;
import org.wubloader.common.process.HttpMetrics;

/**
 * One GET of a body from a peer, with the deadlines a backfiller needs: the response headers
 * must arrive within the request timeout (SPEC: 5 s), and after that the body must keep moving
 * (no bytes for the stall timeout → abort). A peer that accepts a connection and then goes
 * quiet would otherwise hold a download slot, and its temp file, forever.
 *
 * <p>{@link #abort} works from any thread; it resets the connection, which fails whatever is
 * consuming the body so that its owner cleans up.
 */
final class Transfer {
    private static final int ERROR_BODY_CHARS = 200;
    private static final int ERROR_BODY_BYTES = 4096;

    private final Context context;
    private final HttpClient client;
    private final RequestOptions options;
    private final String what;
    private final Duration requestTimeout;
    private final Duration stallTimeout;
    private final HttpMetrics.Request metric;
    private volatile String abortReason;
    private volatile long bytes;
    // Event-loop state:
    private HttpClientRequest request;
    private Throwable imposed;
    private long headerTimer = -1;
    private long stallTimer = -1;
    private long lastProgressNanos;
    private boolean paused;

    Transfer(Context context, HttpClient client, RequestOptions options, String what, Duration requestTimeout,
            Duration stallTimeout, HttpMetrics.Request metric) {
        this.context = context;
        this.client = client;
        this.options = options;
        this.what = what;
        this.requestTimeout = requestTimeout;
        this.stallTimeout = stallTimeout;
        this.metric = metric;
    }

    /** Body bytes received so far. */
    long bytes() {
        return bytes;
    }

    /**
     * Sends the request and hands a 200 response's body to {@code sink}; completes with the
     * sink's result. Must be called on {@link #context}.
     */
    <T> Future<T> run(Function<ReadStream<Buffer>, Future<T>> sink) {
        Promise<T> done = Promise.promise();
        client.request(options)
                .compose(req -> {
                    request = req;
                    if (abortReason != null) {
                        fail(new PeerException.Aborted(abortReason));
                        return Future.failedFuture(imposed);
                    }
                    headerTimer = context.owner().setTimer(requestTimeout.toMillis(), id -> {
                        headerTimer = -1;
                        fail(new PeerException.Timeout(what + ": no response within " + requestTimeout.toMillis() + " ms"));
                    });
                    return req.send();
                })
                .compose(resp -> {
                    if (resp.statusCode() != 200) {
                        metric.done(resp.statusCode());
                        return errorBody(resp).compose(text ->
                                Future.<T>failedFuture(new PeerException.Status(what, resp.statusCode(), text)));
                    }
                    cancelHeaderTimer();
                    metric.done(200);
                    watchForStalls();
                    return sink.apply(new ProgressStream(resp, new ProgressStream.Listener() {
                        @Override
                        public void progress(int n) {
                            bytes += n;
                            lastProgressNanos = System.nanoTime();
                        }

                        @Override
                        public void paused(boolean p) {
                            paused = p;
                            lastProgressNanos = System.nanoTime();
                        }
                    }));
                })
                .onComplete(result -> {
                    cancelHeaderTimer();
                    if (stallTimer >= 0) {
                        context.owner().cancelTimer(stallTimer);
                        stallTimer = -1;
                    }
                    if (result.failed()) {
                        metric.done("error");
                        // A reset surfaces as a generic "connection closed"; report why we reset.
                        done.fail(imposed != null ? imposed : result.cause());
                    } else {
                        done.complete(result.result());
                    }
                });
        return done.future();
    }

    /** Gives up: resets the connection (from any thread). */
    void abort(String reason) {
        if (abortReason == null) {
            abortReason = what + ": " + reason;
        }
        context.runOnContext(v -> fail(new PeerException.Aborted(abortReason)));
    }

    /** Gives up because a deadline of the caller's passed (from any thread). */
    void abortTimeout(String reason) {
        context.runOnContext(v -> fail(new PeerException.Timeout(what + ": " + reason)));
    }

    private void fail(Throwable cause) {
        if (imposed == null) {
            imposed = cause;
        }
        if (request != null) {
            request.reset(0, cause);
        }
    }

    /**
     * The start of an error body, for the log line. Read chunk by chunk, never with
     * {@code resp.body()}: that copies and drops direct chunks without releasing them (see
     * {@link DirectBodies}). A longer body than we show is not read on: the connection is reset.
     */
    private Future<String> errorBody(HttpClientResponse resp) {
        Promise<String> text = Promise.promise();
        Buffer out = Buffer.buffer();
        resp.exceptionHandler(e -> text.tryComplete(errorText(out)));
        resp.endHandler(v -> text.tryComplete(errorText(out)));
        resp.handler(chunk -> {
            if (text.future().isComplete()) {
                DirectBodies.release(chunk);
                return;
            }
            DirectBodies.appendAndRelease(out, chunk);
            if (out.length() >= ERROR_BODY_BYTES) {
                text.tryComplete(errorText(out));
                request.reset();
            }
        });
        return text.future();
    }

    private static String errorText(Buffer body) {
        String text = body.getString(0, Math.min(body.length(), ERROR_BODY_BYTES), StandardCharsets.UTF_8.name())
                .strip().replaceAll("\\s+", " ");
        return text.length() > ERROR_BODY_CHARS ? text.substring(0, ERROR_BODY_CHARS) + "…" : text;
    }

    private void cancelHeaderTimer() {
        if (headerTimer >= 0) {
            context.owner().cancelTimer(headerTimer);
            headerTimer = -1;
        }
    }

    private void watchForStalls() {
        lastProgressNanos = System.nanoTime();
        long stallNanos = stallTimeout.toNanos();
        long checkMillis = Math.max(10, Math.min(1000, stallTimeout.toMillis() / 4));
        stallTimer = context.owner().setPeriodic(checkMillis, id -> {
            if (!paused && System.nanoTime() - lastProgressNanos > stallNanos) {
                context.owner().cancelTimer(id);
                stallTimer = -1;
                fail(new PeerException.Timeout(what + ": body stalled, no bytes for " + stallTimeout.toMillis() + " ms"));
            }
        });
    }
}
