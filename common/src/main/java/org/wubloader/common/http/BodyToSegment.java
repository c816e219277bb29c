package org.wubloader.common.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.streams.ReadStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.wubloader.common.storage.SegmentFileWriter;

/**
 * Streams a body (an HTTP response) into a {@link SegmentFileWriter} without ever writing or
 * hashing on the event loop: chunks are batched and handed to a worker thread, and the stream is
 * paused only when more than {@link #MAX_BUFFERED_BYTES} wait for the disk, so memory stays
 * bounded whatever the sender's speed.
 * The downloader and the backfiller both save segments through this.
 */
public final class BodyToSegment {
    /**
     * Bytes gathered before a hand-off to the worker; large enough to amortise the hop. Not a
     * whole segment: handing each 1 MiB body over once, when it had ended, cost the backfiller
     * more CPU (7.2 against 6.0–6.4 s/GB, two rounds of bench/backfiller beside this size), not
     * less: its bytes were hashed and written long after they arrived, out of the CPU's cache,
     * and fewer wake-ups did not make up for it. (Publishing in the same step as the last write,
     * one hop fewer per segment, measured no difference: 6.06–6.50 against 5.83–6.14 s/GB.)
     */
    static final int BATCH_BYTES = 256 * 1024;
    /**
     * Bytes held in memory while a write is in flight before the body is paused. A paused Vert.x
     * response drops what it had queued if the connection then closes, which would lose the tail
     * of a partial segment, so pausing is kept for senders far faster than the disk: the cap is
     * above a whole segment of any stream we record.
     */
    static final int MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

    private final Vertx vertx;
    private final ReadStream<Buffer> body;
    private final SegmentFileWriter writer;
    private final Promise<Long> done = Promise.promise();
    private final List<Buffer> pending = new ArrayList<>();
    private int pendingBytes;
    private boolean writing;
    private boolean paused;
    private boolean ended;
    private boolean failed;
    private Throwable streamError;
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
        body.exceptionHandler(this::streamFailed);
        body.endHandler(v -> {
            ended = true;
            flush();
        });
        body.handler(received -> {
            Buffer chunk = DirectBodies.compact(received);
            if (failed) {
                // Nobody will write it: free it now (see DirectBodies).
                DirectBodies.release(chunk);
                return;
            }
            pending.add(chunk);
            pendingBytes += chunk.length();
            if (pendingBytes >= BATCH_BYTES) {
                flush();
            }
            if (pendingBytes > MAX_BUFFERED_BYTES && !paused) {
                paused = true;
                body.pause();
            }
        });
    }

    private void flush() {
        if (writing || failed) {
            return;
        }
        if (pending.isEmpty()) {
            if (streamError != null) {
                fail(streamError);
            } else if (ended) {
                done.tryComplete(writer.bytesWritten() - startBytes);
            }
            return;
        }
        List<Buffer> batch = new ArrayList<>(pending);
        pending.clear();
        pendingBytes = 0;
        writing = true;
        vertx.<Void>executeBlocking(
                        () -> {
                            // Views of the chunks Vert.x already copied to the heap, not another copy:
                            // with hashing and the kernel's copy into the page cache, copying every
                            // byte once more into a batch array (and making 256 KiB of garbage per
                            // batch) was a measurable share of the backfiller's CPU.
                            ByteBuffer[] views = new ByteBuffer[batch.size()];
                            for (int i = 0; i < views.length; i++) {
                                views[i] = view(batch.get(i));
                            }
                            writer.write(views);
                            return null;
                        },
                        false)
                // On disk (or failed): the chunks are done with either way.
                .andThen(result -> batch.forEach(DirectBodies::release))
                .onComplete(result -> {
                    writing = false;
                    if (result.failed()) {
                        fail(result.cause());
                        return;
                    }
                    if (paused && !ended && streamError == null) {
                        paused = false;
                        body.resume();
                    }
                    flush();
                });
    }

    /** The chunk's bytes without copying them where Vert.x exposes its buffer; a copy otherwise. */
    private static ByteBuffer view(Buffer chunk) {
        if (chunk instanceof BufferInternal internal) {
            return internal.getByteBuf().nioBuffer();
        }
        return ByteBuffer.wrap(chunk.getBytes());
    }

    /**
     * The body broke (connection reset, truncated response). Every byte received so far is
     * written before the future fails, so a caller that keeps them (the downloader's
     * {@code partial}) publishes exactly what arrived, under the hash of exactly those bytes.
     */
    private void streamFailed(Throwable error) {
        if (streamError == null) {
            streamError = error;
            flush();
        }
    }

    private void fail(Throwable error) {
        if (failed) {
            return;
        }
        failed = true;
        pending.forEach(DirectBodies::release);
        pending.clear();
        pendingBytes = 0;
        done.tryFail(error);
    }
}
