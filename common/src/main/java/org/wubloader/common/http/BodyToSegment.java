package org.wubloader.common.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.wubloader.common.storage.SegmentFileWriter;

/**
 * Streams a body (an HTTP response) into a {@link SegmentFileWriter} without ever writing or
 * hashing on the event loop: chunks are batched and handed to a worker thread, and the stream is
 * paused while a batch is being written, so memory stays bounded whatever the sender's speed.
 * The downloader and the backfiller both save segments through this.
 */
public final class BodyToSegment {
    /** Bytes gathered before a hand-off to the worker; large enough to amortise the hop. */
    static final int BATCH_BYTES = 256 * 1024;

    private final Vertx vertx;
    private final ReadStream<Buffer> body;
    private final SegmentFileWriter writer;
    private final Promise<Long> done = Promise.promise();
    private final List<Buffer> pending = new ArrayList<>();
    private int pendingBytes;
    private boolean writing;
    private boolean ended;
    private boolean failed;
    private long startBytes;

    private BodyToSegment(Vertx vertx, ReadStream<Buffer> body, SegmentFileWriter writer) {
        this.vertx = vertx;
        this.body = body;
        this.writer = writer;
    }

    /**
     * Starts copying; the future completes with the number of body bytes written once the body
     * has ended and every byte is on disk (not yet published: the caller finishes or aborts the
     * writer), or fails with the stream's or the disk's error. Call on the body's context.
     */
    public static Future<Long> copy(Vertx vertx, ReadStream<Buffer> body, SegmentFileWriter writer) {
        BodyToSegment copy = new BodyToSegment(vertx, body, writer);
        copy.start();
        return copy.done.future();
    }

    private void start() {
        startBytes = writer.bytesWritten();
        body.exceptionHandler(this::fail);
        body.endHandler(v -> {
            ended = true;
            flush();
        });
        body.handler(chunk -> {
            pending.add(chunk);
            pendingBytes += chunk.length();
            if (pendingBytes >= BATCH_BYTES) {
                flush();
            }
        });
    }

    private void flush() {
        if (writing || failed) {
            return;
        }
        if (pending.isEmpty()) {
            if (ended) {
                done.tryComplete(writer.bytesWritten() - startBytes);
            }
            return;
        }
        List<Buffer> batch = new ArrayList<>(pending);
        pending.clear();
        pendingBytes = 0;
        writing = true;
        body.pause();
        vertx.<Void>executeBlocking(() -> {
                    for (Buffer b : batch) {
                        writer.write(ByteBuffer.wrap(b.getBytes()));
                    }
                    return null;
                }, false)
                .onComplete(result -> {
                    writing = false;
                    if (result.failed()) {
                        fail(result.cause());
                        return;
                    }
                    if (!ended) {
                        body.resume();
                    }
                    flush();
                });
    }

    private void fail(Throwable error) {
        if (failed) {
            return;
        }
        failed = true;
        done.tryFail(error);
    }
}
