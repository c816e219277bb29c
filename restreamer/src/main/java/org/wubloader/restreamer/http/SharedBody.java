package org.wubloader.restreamer.http;

import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One response body computed once and streamed to every request that asked for it while it was
 * being computed (docs/api.md §4.4: players poll the same playlist URL; identical requests in flight share
 * one computation).
 *
 * <p>The producer (a worker thread) calls {@link #ready}, then {@link #append} chunk by chunk,
 * then {@link #complete}, or {@link #fail} at any point. Subscribers (responses, each on its own
 * event loop) replay every chunk from the first, so a request that joins late still gets the whole
 * body. The producer is paced by the fastest subscriber: it waits while it is more than
 * {@link #WINDOW_BYTES} ahead of every one of them, and it is cancelled (its next
 * {@code append} throws) once every subscriber has gone, so nobody computes a 24-hour playlist
 * for a player that already left.
 */
public final class SharedBody {
    /** In bytes rather than chunks, so the pacing does not change with the producer's chunk size. */
    static final long WINDOW_BYTES = 1024 * 1024;

    static final int WRITE_QUEUE_BYTES = 1024 * 1024;
    private static final long STALL_LIMIT_MILLIS = TimeUnit.MINUTES.toMillis(5);

    /** Thrown to the producer once nobody wants the body any more. */
    public static final class Cancelled extends Exception {
        public Cancelled() {
            super("every client went away", null, false, false);
        }
    }

    private final Object lock = new Object();
    private final List<Buffer> chunks = new ArrayList<>();
    private final List<Subscriber> subscribers = new ArrayList<>();
    private String contentType;
    private Buffer whole;
    private boolean complete;
    private Throwable failure;
    private boolean cancelled;
    private int furthest;
    /** Bytes appended, and bytes in the chunks before {@link #furthest}. */
    private long appendedBytes;

    private long furthestBytes;
    private volatile Runnable onFinished = () -> {};
    private final AtomicBoolean finishedOnce = new AtomicBoolean();

    /** Runs once, when the body is complete, failed or cancelled (e.g. to leave a coalescing map). */
    public void onFinished(Runnable action) {
        onFinished = action;
    }

    /** Adds a response; false if the body was already cancelled (start a new one). */
    public boolean subscribe(Context context, HttpServerResponse response) {
        Subscriber s;
        synchronized (lock) {
            if (cancelled) {
                return false;
            }
            s = new Subscriber(context, response);
            subscribers.add(s);
        }
        response.closeHandler(v -> s.gone());
        s.schedule();
        return true;
    }

    // ---- producer side (one worker thread)

    /** The status is 200 and the body has this type: subscribers may send their headers. */
    public void ready(String type) throws Cancelled {
        synchronized (lock) {
            checkCancelled();
            contentType = type;
        }
        notifySubscribers();
    }

    /**
     * The whole body is already known (a cached rendering): subscribers send it in one write
     * with a {@code Content-Length}, which is cheaper than streaming it chunk by chunk.
     */
    public void completeWhole(String type, ByteBuffer data) throws Cancelled {
        Buffer body = BufferInternal.buffer(Unpooled.wrappedBuffer(data));
        synchronized (lock) {
            checkCancelled();
            contentType = type;
            whole = body;
            complete = true;
        }
        finished();
        notifySubscribers();
    }

    /** Adds a chunk (ownership passes here); waits while the clients are far behind. */
    public void append(byte[] data, int length) throws Cancelled {
        Buffer chunk = BufferInternal.buffer(Unpooled.wrappedBuffer(data, 0, length));
        synchronized (lock) {
            checkCancelled();
            chunks.add(chunk);
            appendedBytes += length;
            long deadline = System.currentTimeMillis() + STALL_LIMIT_MILLIS;
            while (appendedBytes - furthestBytes > WINDOW_BYTES && !cancelled) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    cancelLocked();
                    break;
                }
                notifySubscribers();
                try {
                    lock.wait(Math.min(left, 1000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancelLocked();
                }
            }
            checkCancelled();
        }
        notifySubscribers();
    }

    public void complete() {
        synchronized (lock) {
            complete = true;
        }
        finished();
        notifySubscribers();
    }

    public void fail(Throwable t) {
        synchronized (lock) {
            failure = t;
        }
        finished();
        notifySubscribers();
    }

    private void checkCancelled() throws Cancelled {
        if (cancelled) {
            throw new Cancelled();
        }
    }

    private void cancelLocked() {
        if (!cancelled && !complete && failure == null) {
            cancelled = true;
            lock.notifyAll();
            finished();
        }
    }

    private void finished() {
        if (finishedOnce.compareAndSet(false, true)) {
            onFinished.run();
        }
    }

    private void notifySubscribers() {
        List<Subscriber> copy;
        synchronized (lock) {
            copy = List.copyOf(subscribers);
        }
        for (Subscriber s : copy) {
            s.schedule();
        }
    }

    // ---- subscriber side

    private final class Subscriber {
        private final Context context;
        private final HttpServerResponse response;
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private int next;
        private boolean started;
        private boolean done;
        /** Bytes handed to the response and not yet written to the socket (event loop only). */
        private long unwritten;
        /** The pump stopped on {@link #unwritten}; the write that brings it down resumes it. */
        private boolean waitingForWrites;

        Subscriber(Context context, HttpServerResponse response) {
            this.context = context;
            this.response = response;
        }

        void schedule() {
            if (scheduled.compareAndSet(false, true)) {
                context.runOnContext(v -> {
                    scheduled.set(false);
                    pump();
                });
            }
        }

        /** On the event loop: write what is available, as fast as the client takes it. */
        private void pump() {
            if (done) {
                return;
            }
            if (response.closed()) {
                gone();
                return;
            }
            while (true) {
                Buffer chunk;
                boolean end;
                Throwable failed;
                String type;
                Buffer all;
                synchronized (lock) {
                    failed = failure;
                    type = contentType;
                    all = whole;
                    chunk = next < chunks.size() ? chunks.get(next) : null;
                    end = complete && next >= chunks.size();
                }
                if (!started) {
                    if (failed != null) {
                        leave();
                        Replies.error(response, failed);
                        return;
                    }
                    if (type == null) {
                        return;
                    }
                    started = true;
                    if (all != null) {
                        leave();
                        response.putHeader("Content-Type", type).end(all);
                        return;
                    }
                    // Fewer, larger socket writes: the default 64 KiB gate costs an event-loop
                    // round trip per chunk, a third of the time of a 24 h playlist.
                    response.putHeader("Content-Type", type).setChunked(true).setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
                }
                if (chunk != null) {
                    // Our own gate, on bytes not yet in the socket, as well as Vert.x's: with
                    // 256 KiB chunks writeQueueFull() never held back a client that read nothing
                    // (all 8 MB of a 24 h playlist were queued: 3.5 MB in the socket, the rest in
                    // memory), and the producer's window is only as good as this gate.
                    if (unwritten >= WRITE_QUEUE_BYTES) {
                        waitingForWrites = true;
                        return;
                    }
                    if (response.writeQueueFull()) {
                        response.drainHandler(v -> pump());
                        return;
                    }
                    int size = chunk.length();
                    unwritten += size;
                    response.write(chunk).onComplete(ar -> written(size));
                    advance(++next);
                    continue;
                }
                if (end) {
                    leave();
                    response.end();
                } else if (failed != null) {
                    leave();
                    Replies.error(response, failed);
                }
                return;
            }
        }

        /** A write reached the socket (or failed: the close handler deals with that). */
        private void written(int size) {
            unwritten -= size;
            if (waitingForWrites && unwritten < WRITE_QUEUE_BYTES / 2) {
                waitingForWrites = false;
                schedule(); // not pump(): this may run inside response.write, within pump
            }
        }

        private void advance(int position) {
            synchronized (lock) {
                if (position > furthest) {
                    for (int i = furthest; i < position; i++) {
                        furthestBytes += chunks.get(i).length();
                    }
                    furthest = position;
                    lock.notifyAll();
                }
            }
        }

        /** The client went away. */
        void gone() {
            if (!done) {
                leave();
            }
        }

        private void leave() {
            done = true;
            synchronized (lock) {
                subscribers.remove(this);
                if (subscribers.isEmpty()) {
                    cancelLocked();
                }
            }
        }
    }
}
