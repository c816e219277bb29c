package org.wubloader.downloader.stream;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A response body between the HTTP client and common's {@code BodyToSegment}: a break-off
 * (connection closed, request reset) becomes a normal end for the reader, with the error kept
 * for the caller in {@link #error()}, and every byte received before it is handed on.
 *
 * <p>Why: the temp file is opened on a worker thread after the response headers arrive, so the
 * body must be held until {@code BodyToSegment} is attached, and a Vert.x response drops what it
 * holds while paused if its connection then closes. So this stream keeps its own queue instead
 * of pausing the response (up to {@link #HIGH_WATER} bytes, past which it does pause it, to
 * bound memory). Turning a break-off into an end lets the attempt decide, with every received
 * byte already on disk, whether what it has is a {@code partial}.
 *
 * <p>Created before the reader exists (while the temp file is being opened) and queueing
 * until the reader first resumes it. Use on the response's context only.
 */
final class EndOnErrorStream implements ReadStream<Buffer> {
    static final int HIGH_WATER = 4 << 20;
    static final int LOW_WATER = 1 << 20;

    private final ReadStream<Buffer> source;
    private final Deque<Buffer> queue = new ArrayDeque<>();
    private long queuedBytes;
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;
    private Throwable error;
    private boolean readerPaused = true;
    private boolean sourcePaused;
    private boolean sourceEnded;
    private boolean ended;
    private boolean draining;

    EndOnErrorStream(ReadStream<Buffer> source) {
        this.source = source;
        source.handler(this::onData);
        source.exceptionHandler(this::onError);
        source.endHandler(v -> {
            sourceEnded = true;
            drain();
        });
    }

    private void onData(Buffer chunk) {
        queue.add(chunk);
        queuedBytes += chunk.length();
        if (queuedBytes > HIGH_WATER && !sourcePaused) {
            sourcePaused = true;
            source.pause();
        }
        drain();
    }

    private void onError(Throwable cause) {
        if (error == null && !sourceEnded) {
            error = cause;
            sourceEnded = true;
            drain();
        }
    }

    private void drain() {
        if (draining) {
            return; // re-entered from the reader's handler; the outer loop goes on
        }
        draining = true;
        try {
            while (!readerPaused && handler != null && !queue.isEmpty()) {
                Buffer chunk = queue.poll();
                queuedBytes -= chunk.length();
                handler.handle(chunk);
            }
        } finally {
            draining = false;
        }
        if (sourcePaused && queuedBytes < LOW_WATER && !sourceEnded) {
            sourcePaused = false;
            source.resume();
        }
        if (queue.isEmpty() && sourceEnded && !readerPaused && endHandler != null && !ended) {
            ended = true;
            endHandler.handle(null);
        }
    }

    /** The error that broke the body off, or null if it ended normally. */
    Throwable error() {
        return error;
    }

    @Override
    public EndOnErrorStream exceptionHandler(Handler<Throwable> ignored) {
        return this; // errors end the stream instead; see the class comment
    }

    @Override
    public EndOnErrorStream handler(Handler<Buffer> handler) {
        this.handler = handler;
        return this;
    }

    @Override
    public EndOnErrorStream pause() {
        readerPaused = true;
        return this;
    }

    @Override
    public EndOnErrorStream resume() {
        readerPaused = false;
        drain();
        return this;
    }

    @Override
    public EndOnErrorStream fetch(long amount) {
        return resume();
    }

    @Override
    public EndOnErrorStream endHandler(Handler<Void> handler) {
        this.endHandler = handler;
        return this;
    }
}
