package org.wubloader.common.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.streams.ReadStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * One GET, the way every service makes one: metrics ({@link ClientMetrics}: latency,
 * concurrency, response size), the bounds of {@link GetLimits} (header timeout, stall watchdog
 * that knows about back-pressure pauses, overall deadline, maximum body size), cancellation from
 * any thread, and one failure type ({@link HttpClientException}).
 *
 * <p>A peer or origin that accepts a connection and then goes quiet, drips, or never stops
 * sending would otherwise hold a download slot, and its temp file, forever.
 *
 * <p>Bodies may arrive as direct buffers ({@link DirectBodies}): every chunk this class reads
 * itself (error bodies, {@link #collect}) is released here; a sink given to {@link #run} owns
 * the chunks it is handed.
 */
public final class HttpGet {
    private static final int ERROR_BODY_CHARS = 200;
    private static final int ERROR_BODY_BYTES = 4096;

    /**
     * Where and how to send it.
     *
     * @param context the context the exchange runs on (its event loop owns the state)
     * @param options method, URI, headers, redirects; usually a GET
     * @param what names the request in errors and logs ("peer /segments/…")
     * @param metric started for this request; ended here with the status or "error"
     * @param requestBody sent with the request (a POST's query), or null
     */
    public record Target(
            Context context,
            HttpClient client,
            RequestOptions options,
            String what,
            ClientMetrics.Request metric,
            Buffer requestBody) {
        public Target(
                Context context, HttpClient client, RequestOptions options, String what, ClientMetrics.Request metric) {
            this(context, client, options, what, metric, null);
        }
    }

    /**
     * A whole small 2xx response.
     *
     * @param finalUri the URI after redirects, against which relative URIs in the body resolve
     */
    public record Fetched(int status, URI finalUri, Buffer bytes) {
        public String body() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** What a streaming consumer gets: the response (for its status and headers) and its body. */
    public interface Sink<T> {
        Future<T> consume(HttpClientResponse response, ReadStream<Buffer> body);
    }

    private final Context context;
    private final HttpClient client;
    private final RequestOptions options;
    private final String what;
    private final GetLimits limits;
    private final ClientMetrics.Request metric;
    private final Buffer requestBody;
    private volatile String abortReason;
    private volatile long bytes;
    // Event-loop state:
    private HttpClientRequest request;
    private Throwable imposed;
    private long headerTimer = -1;
    private long stallTimer = -1;
    private long deadlineTimer = -1;
    private long lastProgressNanos;
    private boolean paused;
    /** Set once the exchange is over: its connection may serve another request by then. */
    private boolean finished;

    private boolean bodyEnded;

    public HttpGet(Target target, GetLimits limits) {
        this.context = target.context();
        this.client = target.client();
        this.options = target.options();
        this.what = target.what();
        this.metric = target.metric();
        this.requestBody = target.requestBody();
        this.limits = limits;
    }

    /** Aborts this exchange when {@code signal} completes (a caller's hard timeout, shutdown). */
    public HttpGet cancelOn(Future<?> signal) {
        signal.onComplete(v -> abort("cancelled"));
        return this;
    }

    /** Body bytes received so far (from any thread). */
    public long bytes() {
        return bytes;
    }

    public String what() {
        return what;
    }

    /** Sends the request and collects a 2xx body of at most the maximum body size in memory. */
    public Future<Buffer> collect() {
        return run(body -> SmallBody.collect(body, limits.maxBodyBytes(), what));
    }

    /** {@link #collect}, with the status and the URI after redirects. */
    public Future<Fetched> fetch() {
        return stream((resp, body) -> {
            URI finalUri = finalUri(resp.request().absoluteURI());
            return SmallBody.collect(body, limits.maxBodyBytes(), what)
                    .map(bytes -> new Fetched(resp.statusCode(), finalUri, bytes));
        });
    }

    private URI finalUri(String absolute) {
        try {
            return absolute == null ? URI.create(options.getURI()) : new URI(absolute);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Sends the request and hands a 2xx response's body to {@code sink}; completes with the
     * sink's result, or fails with an {@link HttpClientException} when a bound or an abort
     * ended the exchange (else with the connection's or the sink's error). Call on the context.
     */
    public <T> Future<T> run(Function<ReadStream<Buffer>, Future<T>> sink) {
        return stream((resp, body) -> sink.apply(body));
    }

    /** {@link #run}, for a consumer that also looks at the response (its status, its headers). */
    public <T> Future<T> stream(Sink<T> sink) {
        Promise<T> done = Promise.promise();
        if (limits.hasDeadline()) {
            long millis = Math.max(1, limits.deadline().toMillis());
            deadlineTimer = context.owner().setTimer(millis, id -> {
                deadlineTimer = -1;
                fail(HttpClientException.timeout(what + ": not complete within " + millis + " ms"));
            });
        }
        client.request(options)
                .compose(req -> {
                    request = req;
                    if (imposed != null) {
                        breakOff(req);
                        return Future.failedFuture(imposed);
                    }
                    if (abortReason != null) {
                        fail(HttpClientException.aborted(abortReason));
                        return Future.failedFuture(imposed);
                    }
                    if (!limits.headerTimeout().isZero()) {
                        long headerMillis = Math.max(1, limits.headerTimeout().toMillis());
                        headerTimer = context.owner().setTimer(headerMillis, id -> {
                            headerTimer = -1;
                            fail(HttpClientException.timeout(what + ": no response within " + headerMillis + " ms"));
                        });
                    }
                    return requestBody == null ? req.send() : req.send(requestBody);
                })
                .compose(resp -> {
                    cancelHeaderTimer();
                    metric.headers(resp);
                    if (resp.statusCode() / 100 != 2) {
                        return errorBody(resp)
                                .compose(text -> Future.<T>failedFuture(
                                        HttpClientException.status(what, resp.statusCode(), text)));
                    }
                    long declared = contentLength(resp);
                    if (declared > limits.maxBodyBytes()) {
                        // Whatever of the body is already read must still be freed (DirectBodies).
                        resp.handler(DirectBodies::release);
                        fail(HttpClientException.tooLarge(what, limits.maxBodyBytes()));
                        return Future.failedFuture(imposed);
                    }
                    watchForStalls();
                    return sink.consume(resp, new ProgressStream(resp, new ProgressStream.Listener() {
                        @Override
                        public void progress(int n) {
                            bytes += n;
                            lastProgressNanos = System.nanoTime();
                            if (bytes > limits.maxBodyBytes()) {
                                fail(HttpClientException.tooLarge(what, limits.maxBodyBytes()));
                            }
                        }

                        @Override
                        public void paused(boolean p) {
                            paused = p;
                            lastProgressNanos = System.nanoTime();
                        }

                        @Override
                        public void ended() {
                            bodyEnded = true;
                        }
                    }));
                })
                .onComplete(result -> {
                    finished = true;
                    cancelTimers();
                    if (result.failed()) {
                        metric.error();
                        if (request != null
                                && imposed == null
                                && !bodyEnded
                                && !HttpClientException.is(result.cause(), HttpClientException.Kind.STATUS)) {
                            // The sink gave up mid-body (too large, disk error): stop the body.
                            breakOff(request);
                        }
                        // A break-off surfaces as a generic "connection closed"; report why we broke off.
                        done.fail(imposed != null ? imposed : result.cause());
                    } else {
                        done.complete(result.result());
                    }
                });
        return done.future();
    }

    /** Gives up on purpose: closes the connection (from any thread). */
    public void abort(String reason) {
        if (abortReason == null) {
            abortReason = what + ": " + reason;
        }
        context.runOnContext(v -> fail(HttpClientException.aborted(abortReason)));
    }

    private void fail(Throwable cause) {
        if (finished) {
            // Too late to matter, and closing now would break whatever request the pool gave
            // this connection to next (a late cancel once broke other downloads that way).
            return;
        }
        if (imposed == null) {
            imposed = cause;
        }
        if (request != null) {
            breakOff(request);
        }
    }

    /**
     * Ends the exchange by closing its connection, not by {@code request.reset()}: after a reset,
     * Vert.x drops the body chunks still arriving from the current socket read without releasing
     * them — 256 KiB of direct memory each (see {@link DirectBodies}; found with an endless body
     * over the size limit). After a close they still reach the body's handler, whose owner frees
     * them, and then the body fails with "connection closed". For HTTP/1.1 a reset closes the
     * connection anyway.
     */
    private static void breakOff(HttpClientRequest req) {
        HttpConnection connection = req.connection();
        if (connection != null) {
            connection.close();
        } else {
            req.reset();
        }
    }

    private static long contentLength(HttpClientResponse resp) {
        String length = resp.getHeader("Content-Length");
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The start of an error body, for the log line. Read chunk by chunk, never with
     * {@code resp.body()}: that copies and drops direct chunks without releasing them (see
     * {@link DirectBodies}). A longer body than we show is not read on: the connection is closed.
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
                breakOff(request);
            }
        });
        return text.future();
    }

    private static String errorText(Buffer body) {
        String text = body.getString(0, Math.min(body.length(), ERROR_BODY_BYTES), StandardCharsets.UTF_8.name())
                .strip()
                .replaceAll("\\s+", " ");
        return text.length() > ERROR_BODY_CHARS ? text.substring(0, ERROR_BODY_CHARS) + "…" : text;
    }

    private void cancelHeaderTimer() {
        if (headerTimer >= 0) {
            context.owner().cancelTimer(headerTimer);
            headerTimer = -1;
        }
    }

    private void cancelTimers() {
        cancelHeaderTimer();
        if (stallTimer >= 0) {
            context.owner().cancelTimer(stallTimer);
            stallTimer = -1;
        }
        if (deadlineTimer >= 0) {
            context.owner().cancelTimer(deadlineTimer);
            deadlineTimer = -1;
        }
    }

    private void watchForStalls() {
        if (limits.stallTimeout().isZero()) {
            return;
        }
        lastProgressNanos = System.nanoTime();
        long stallNanos = limits.stallTimeout().toNanos();
        long checkMillis = Math.max(10, Math.min(1000, limits.stallTimeout().toMillis() / 4));
        stallTimer = context.owner().setPeriodic(checkMillis, id -> {
            if (!paused && System.nanoTime() - lastProgressNanos > stallNanos) {
                context.owner().cancelTimer(id);
                stallTimer = -1;
                fail(HttpClientException.timeout(what + ": body stalled, no bytes for "
                        + limits.stallTimeout().toMillis() + " ms"));
            }
        });
    }
}
