package org.wubloader.downloader.stream;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.common.http.BodyToSegment;
import org.wubloader.common.http.GetLimits;
import org.wubloader.common.http.HttpClientException;
import org.wubloader.common.http.HttpGet;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.storage.SegmentFileWriter;
import org.wubloader.downloader.Timings;
import org.wubloader.downloader.hls.MediaSegment;
import org.wubloader.downloader.http.Deadline;
import org.wubloader.downloader.http.Redact;

/**
 * One attempt at one segment (docs/downloader.md §6 "Attempt"): map data, then the segment streamed to a
 * temp file behind the map data, then published as full, suspect or (if the body broke
 * off) partial. Soft timeouts fire the getter's retry signal; hard timeouts reset the
 * request. Runs on the worker's context.
 */
final class SegmentAttempt {
    private static final Logger log = LoggerFactory.getLogger(SegmentAttempt.class);
    private static final byte[] NO_MAP = new byte[0];

    /** How an attempt that did not fail ended. */
    enum Outcome {
        /** A file was published (full or suspect). */
        SAVED,
        /**
         * 403 or 404: the URL has expired; nothing was written and the getter gives up. Twitch
         * answers 403 for expired segment URLs and 404 for very old ones; no retry can help.
         */
        EXPIRED
    }

    private final WorkerScope scope;
    private final PollPlan.NewSegment target;
    private final List<PlaylistHistory.Entry> history;
    private final HttpClient client;
    private final Promise<Void> retrySignal;
    private final Promise<Outcome> result = Promise.promise();
    private final Promise<Void> aborted = Promise.promise();
    private final Vertx vertx;
    private final Timings timings;
    private HttpGet get;
    private boolean bodyStarted;
    private long bodyStartNanos;
    private long wholeSoftTimer = -1;

    SegmentAttempt(
            WorkerScope scope,
            PollPlan.NewSegment target,
            List<PlaylistHistory.Entry> history,
            HttpClient client,
            Promise<Void> retrySignal) {
        this.scope = scope;
        this.target = target;
        this.history = history;
        this.client = client;
        this.retrySignal = retrySignal;
        this.vertx = scope.vertx();
        this.timings = scope.timings();
    }

    private MediaSegment segment() {
        return target.segment();
    }

    /** Starts the attempt; the future fails if it should be retried. */
    Future<Outcome> run() {
        MediaSegment segment = segment();
        Future<byte[]> map = segment.map() == null
                ? Future.succeededFuture(NO_MAP)
                : scope.mapCache().get(segment.map(), client, this::softTimeout, aborted.future());
        map.onComplete(ar -> {
            if (result.future().isComplete()) {
                return;
            }
            if (ar.failed()) {
                if (HttpClientException.isStatus(ar.cause(), 403, 404)) {
                    log.info(
                            "{}/{}: giving up on {}: map data {}",
                            scope.channel(),
                            scope.quality(),
                            Redact.uri(segment.uri()),
                            ar.cause().getMessage());
                    result.tryComplete(Outcome.EXPIRED);
                } else {
                    result.tryFail(ar.cause());
                }
                return;
            }
            requestSegment(ar.result());
        });
        return result.future();
    }

    /** Shutdown: stop now; what has arrived is kept as partial. */
    void abort() {
        aborted.tryComplete();
        if (get == null) {
            result.tryFail(HttpClientException.aborted("segment download aborted"));
        }
    }

    private void softTimeout() {
        retrySignal.tryComplete();
    }

    /**
     * A body copied into its temp file, or broken off with {@code broken} (every byte received
     * is on disk either way).
     */
    private record Copied(SegmentFileWriter writer, long bodyBytes, Throwable broken) {}

    /**
     * The GET goes through common's {@link HttpGet}: the headers' hard timeout is its header
     * timeout, the whole download's hard timeout its deadline (a reset that breaks the body off,
     * whose bytes the usual path keeps as partial). The soft timeouts, which start a retry beside
     * this attempt rather than end it, are timers here on top.
     */
    private void requestSegment(byte[] mapBytes) {
        MediaSegment segment = segment();
        bodyStartNanos = System.nanoTime();
        long headersSoft =
                vertx.setTimer(Deadline.millis(timings.segment().headers().soft()), id -> softTimeout());
        wholeSoftTimer =
                vertx.setTimer(Deadline.millis(timings.segment().whole().soft()), id -> softTimeout());
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setAbsoluteURI(segment.uri().toString())
                .setFollowRedirects(true);
        if (segment.byteRange() != null) {
            options.putHeader("Range", segment.byteRange().httpRange());
        }
        GetLimits limits = GetLimits.NONE
                .withHeaderTimeout(timings.segment().headers().hard())
                .withDeadline(timings.segment().whole().hard());
        get = new HttpGet(
                new HttpGet.Target(
                        vertx.getOrCreateContext(),
                        client,
                        options,
                        "segment " + Redact.uri(segment.uri()),
                        scope.metrics().client().start("get_segment", "GET", segment.uri())),
                limits);
        get.cancelOn(aborted.future());
        get.<Copied>stream((response, body) -> {
                    vertx.cancelTimer(headersSoft);
                    return onHeaders(response, body, mapBytes);
                })
                .onComplete(ar -> {
                    vertx.cancelTimer(headersSoft);
                    if (ar.failed()) {
                        onFailure(ar.cause());
                        return;
                    }
                    Copied copied = ar.result();
                    finish(copied.writer(), mapBytes.length, copied.bodyBytes(), copied.broken());
                });
    }

    private void onFailure(Throwable error) {
        MediaSegment segment = segment();
        if (HttpClientException.isStatus(error, 403, 404)) {
            log.info(
                    "{}/{}: giving up on {}: {} (the URL has expired)",
                    scope.channel(),
                    scope.quality(),
                    Redact.uri(segment.uri()),
                    error.getMessage());
            cancelWholeTimers();
            result.tryComplete(Outcome.EXPIRED);
            return;
        }
        if (HttpClientException.is(error, HttpClientException.Kind.TIMEOUT) && bodyStarted) {
            log.warn(
                    "{}/{}: segment {} still downloading after {}; abandoning it",
                    scope.channel(),
                    scope.quality(),
                    Redact.uri(segment.uri()),
                    timings.segment().whole().hard());
        }
        fail(error);
    }

    /** A 2xx response: opens the temp file and streams the body into it; completes once all is on disk. */
    private Future<Copied> onHeaders(HttpClientResponse response, ReadStream<Buffer> stream, byte[] mapBytes) {
        MediaSegment segment = segment();
        int status = response.statusCode();
        if (segment.byteRange() != null && status != 206) {
            return Future.failedFuture(new IllegalStateException(
                    "server ignored the Range header of " + Redact.uri(segment.uri()) + " (status " + status + ")"));
        }
        bodyStarted = true;
        EndOnErrorStream body = new EndOnErrorStream(stream);
        return vertx.<SegmentFileWriter>executeBlocking(
                        () -> {
                            SegmentFileWriter writer = SegmentFileWriter.open(
                                    scope.qualityDir(), target.startMicros(), segment.duration());
                            try {
                                writer.write(mapBytes, 0, mapBytes.length);
                            } catch (RuntimeException | IOException e) {
                                writer.abort();
                                throw e;
                            }
                            return writer;
                        },
                        false)
                .compose(writer -> {
                    Future<Long> copy = BodyToSegment.copy(vertx, body, writer);
                    body.resume();
                    // A broken-off body ends normally here (EndOnErrorStream), so this future succeeds
                    // and the attempt decides about a partial with every received byte on disk.
                    return copy.transform(done -> Future.succeededFuture(new Copied(
                            writer,
                            done.succeeded() ? done.result() : -1,
                            done.failed() ? done.cause() : body.error())));
                });
    }

    private void finish(SegmentFileWriter writer, int mapLength, long bodyBytes, Throwable error) {
        cancelWholeTimers();
        Duration took = Duration.ofNanos(System.nanoTime() - bodyStartNanos);
        MediaSegment segment = segment();
        if (error == null) {
            SegmentType type = SaveDecision.complete(
                    target.suspect(), took, timings.segment().suspectAfter(), bodyBytes);
            publish(writer, type, bodyBytes).onComplete(ar -> {
                if (ar.failed()) {
                    fail(ar.cause());
                } else {
                    log.debug("{}/{}: saved {}", scope.channel(), scope.quality(), ar.result());
                    result.tryComplete(Outcome.SAVED);
                }
            });
            return;
        }
        long partialBytes = writer.bytesWritten() - mapLength;
        if (!SaveDecision.keepPartial(partialBytes)) {
            vertx.executeBlocking(
                            () -> {
                                writer.abort();
                                return null;
                            },
                            false)
                    .onComplete(ar -> fail(error));
            return;
        }
        publish(writer, SegmentType.PARTIAL, partialBytes).onComplete(ar -> {
            if (ar.succeeded()) {
                log.warn(
                        "{}/{}: {} broke off after {} bytes ({}); saved as partial",
                        scope.channel(),
                        scope.quality(),
                        Redact.uri(segment.uri()),
                        partialBytes,
                        error.getMessage());
            }
            fail(error);
        });
    }

    private Future<Path> publish(SegmentFileWriter writer, SegmentType type, long bodyBytes) {
        MediaSegment segment = segment();
        return vertx.executeBlocking(
                        () -> {
                            Path path = writer.finish(type);
                            if (type != SegmentType.PARTIAL && !history.isEmpty()) {
                                String relative =
                                        scope.baseDir().relativize(path).toString();
                                try {
                                    PlaylistHistory.write(scope.baseDir(), relative, history);
                                } catch (IOException e) {
                                    log.warn(
                                            "{}/{}: could not write playlist history for {}: {}",
                                            scope.channel(),
                                            scope.quality(),
                                            relative,
                                            e.toString());
                                }
                            }
                            return path;
                        },
                        false)
                .onSuccess(path -> scope.metrics()
                        .saved(
                                scope.channel(),
                                scope.quality(),
                                type,
                                segment.duration(),
                                bodyBytes,
                                target.startMicros()));
    }

    private void cancelWholeTimers() {
        if (wholeSoftTimer >= 0) {
            vertx.cancelTimer(wholeSoftTimer);
        }
    }

    private void fail(Throwable error) {
        cancelWholeTimers();
        result.tryFail(error);
    }
}
