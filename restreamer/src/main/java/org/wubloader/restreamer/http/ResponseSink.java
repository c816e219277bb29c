package org.wubloader.restreamer.http;

import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Lets a blocking producer thread (a cut reading files or ffmpeg's output) stream into a Vert.x
 * response with back-pressure.
 *
 * <p>At most {@code maxInFlight} buffers are queued between the producer and the socket: a
 * {@code write} blocks until the socket has taken an earlier one, so a slow client slows the
 * producer (and ffmpeg, through its pipe) instead of filling memory. When the client goes away
 * every blocked or later {@code write} throws {@link ClientGoneException}, and the
 * {@link #onClose} callbacks run at once, so a producer stuck in a read of ffmpeg's output is
 * freed by killing ffmpeg rather than waiting for it.
 *
 * <p>Created on the response's event loop; the producer methods are for one other thread.
 *
 * <p>{@link #writeOwned} and {@link #writeDirect} use Vert.x's internal {@code BufferInternal}:
 * Vert.x 5's public API has no way to make a Buffer of existing bytes without copying them
 * ({@code Buffer.buffer(byte[])} copies into a new heap buffer, checked in 5.0.12), and these two
 * exist to hand a cut's bytes (ffmpeg's output, mapped segment files) to the socket uncopied.
 * {@link #write} is the public, copying way.
 */
public final class ResponseSink {
    private static final long STALL_LIMIT_MILLIS = TimeUnit.MINUTES.toMillis(5);

    private final Context context;
    private final HttpServerResponse response;
    private final Semaphore credits;
    private final int maxInFlight;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final List<Runnable> closeActions = new CopyOnWriteArrayList<>();

    public ResponseSink(Context context, HttpServerResponse response, int maxInFlight) {
        this.context = context;
        this.response = response;
        this.maxInFlight = maxInFlight;
        this.credits = new Semaphore(maxInFlight);
        response.closeHandler(v -> clientGone());
        response.exceptionHandler(e -> clientGone());
    }

    /** Runs {@code action} (on the event loop) if the client goes away before the response ends. */
    public void onClose(Runnable action) {
        closeActions.add(action);
        if (closed.get()) {
            action.run();
        }
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Copies {@code length} bytes and queues them; blocks while the queue is full. */
    public void write(byte[] data, int offset, int length) throws ClientGoneException {
        if (length == 0) {
            return;
        }
        byte[] copy = new byte[length];
        System.arraycopy(data, offset, copy, 0, length);
        write(Buffer.buffer(copy), null);
    }

    /** Queues {@code data[0..length)} without copying; the caller must not touch it again. */
    public void writeOwned(byte[] data, int length) throws ClientGoneException {
        if (length > 0) {
            write(BufferInternal.buffer(Unpooled.wrappedBuffer(data, 0, length)), null);
        }
    }

    /**
     * Queues a direct buffer without copying it into the heap (the socket reads it in place);
     * {@code recycle} runs once the socket is done with it, or the response is abandoned.
     */
    public void writeDirect(ByteBuffer data, Runnable recycle) throws ClientGoneException {
        write(BufferInternal.buffer(Unpooled.wrappedBuffer(data)), recycle);
    }

    private void write(Buffer buffer, Runnable recycle) throws ClientGoneException {
        acquire(recycle);
        onContext(() -> {
            if (closed.get()) {
                credits.release();
                run(recycle);
                return;
            }
            response.write(buffer).onComplete(ar -> {
                credits.release();
                run(recycle);
                if (ar.failed()) {
                    clientGone();
                }
            });
        });
    }

    private void acquire(Runnable recycle) throws ClientGoneException {
        long deadline = System.currentTimeMillis() + STALL_LIMIT_MILLIS;
        try {
            while (!credits.tryAcquire(1, 100, TimeUnit.MILLISECONDS)) {
                if (closed.get() || System.currentTimeMillis() > deadline) {
                    run(recycle);
                    throw new ClientGoneException();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run(recycle);
            throw new ClientGoneException();
        }
        if (closed.get()) {
            credits.release();
            run(recycle);
            throw new ClientGoneException();
        }
    }

    /** Runs {@code setup} (status, headers) on the event loop before anything queued after it. */
    public void begin(Consumer<HttpServerResponse> setup) {
        onContext(() -> {
            if (!closed.get() && !response.headWritten()) {
                setup.accept(response);
            }
        });
    }

    /** Ends the response once everything queued has been written. */
    public void end() {
        if (finished.compareAndSet(false, true)) {
            onContext(() -> {
                if (!closed.get() && !response.ended()) {
                    response.end();
                }
            });
        }
    }

    /** Abandons the response: an error reply if nothing was sent yet, else a reset connection. */
    public void fail(Throwable failure) {
        if (finished.compareAndSet(false, true)) {
            onContext(() -> {
                if (!closed.get() && !response.ended()) {
                    Replies.error(response, failure);
                }
            });
        }
    }

    /**
     * Runs {@code action} on the response's event loop. Once Vert.x has closed (a stop while a cut
     * or playlist is still being produced) the loop refuses tasks; the connection is gone with it,
     * so there is nothing left to send and the producer thread must not die of the refusal.
     */
    private void onContext(Runnable action) {
        try {
            context.runOnContext(v -> action.run());
        } catch (RejectedExecutionException e) {
            closed.set(true);
        }
    }

    /** True once the socket has taken every queued buffer (tests, state dumps). */
    public boolean drained() {
        return credits.availablePermits() == maxInFlight;
    }

    private void clientGone() {
        if (response.ended() && finished.get()) {
            return;
        }
        if (closed.compareAndSet(false, true)) {
            credits.release(maxInFlight);
            for (Runnable action : closeActions) {
                action.run();
            }
        }
    }

    private static void run(Runnable action) {
        if (action != null) {
            action.run();
        }
    }
}
