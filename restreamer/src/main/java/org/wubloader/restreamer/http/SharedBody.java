package org.wubloader.restreamer.http;

import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One response body produced once, chunk by chunk, and streamed to every request that asked for
 * it while it could still be replayed from its first byte (docs/api.md §4.4: players poll the same
 * playlist URL; identical requests in flight share one computation).
 *
 * <p>Memory is bounded, whatever the body's length and however slow its clients (issue 11 item 9).
 * A body keeps every chunk, so that identical requests arriving later can join and replay it,
 * only while the retention budget shared by all bodies ({@link Retention}) allows; past it, it
 * drops each chunk as soon as every subscriber has handed it to its socket, and requests arriving
 * after that start a body of their own ({@link #onClosed}). The producer stops ({@link #park})
 * while it is {@link #WINDOW_BYTES} ahead (of the fastest subscriber while retaining, of the
 * slowest after), and each subscriber hands its socket at most about {@link #WRITE_QUEUE_BYTES}
 * more than the socket has taken. So, beyond the retention budget, a body holds at most window +
 * chunk, plus write queue + chunk per subscriber in Netty's outbound buffer; all of it is counted
 * in the retention's {@code buffered} total.
 *
 * <p>The producer (a worker thread) calls {@link #ready}, then {@link #append} and {@link #park}
 * chunk by chunk, then {@link #complete}, or {@link #fail} at any point. Once every subscriber has
 * gone the body is cancelled: the next {@code append} or {@code park} throws {@link Cancelled},
 * and a parked producer is resumed to hear it, so nobody computes a 24-hour playlist for a player
 * that already left.
 */
public final class SharedBody {
    /**
     * Bytes the producer may be ahead before it parks: one 256 KiB playlist chunk. With 512 KiB
     * (and as much again queued per socket), 400 clients of distinct 24 h playlists kept about
     * 150 MB of chunks alive in a 256 MiB heap, and young collections copying them took up to
     * 466 ms; the socket's own buffer keeps a fast client busy while the next chunk renders.
     */
    public static final long WINDOW_BYTES = 256 * 1024;

    /** Bytes one response may have queued and not yet in its socket before its pump waits. */
    public static final int WRITE_QUEUE_BYTES = 256 * 1024;

    /** Thrown to the producer once nobody wants the body any more. */
    public static final class Cancelled extends Exception {
        private static final long serialVersionUID = 1L;

        public Cancelled() {
            super("every client went away", null, false, false);
        }
    }

    /**
     * What all bodies hold: {@code buffered} counts every byte a body holds (chunks, and chunks
     * handed to a socket that has not taken them yet); {@code retained} the chunks kept for
     * replay, at most {@code maxRetained}.
     */
    public record Retention(AtomicLong buffered, AtomicLong retained, long maxRetained) {
        public Retention(long maxRetained) {
            this(new AtomicLong(), new AtomicLong(), maxRetained);
        }
    }

    private final Retention retention;
    private final AtomicLong buffered;
    private final Object lock = new Object();
    /** Chunks {@code dropped ..}: every one while retaining, else those not sent by every subscriber. */
    private final List<Buffer> chunks = new ArrayList<>();
    /** The end offset in the body of each chunk in {@link #chunks}. */
    private final List<Long> ends = new ArrayList<>();

    private final List<Subscriber> subscribers = new ArrayList<>();
    private long dropped;
    private long droppedBytes;
    private long appendedBytes;
    private long heldBytes;
    private boolean retaining = true;
    private long retainedBytes;
    private String contentType;
    private Buffer whole;
    private boolean complete;
    private Throwable failure;
    private boolean cancelled;
    /** No request may join any more (a chunk is gone, or it failed, or every subscriber left). */
    private boolean closed;

    private boolean hadSubscriber;
    /** The parked producer's continuation, run once there is room or the body is cancelled. */
    private Runnable resume;

    private volatile Runnable onClosed = () -> {};
    private final AtomicBoolean closedOnce = new AtomicBoolean();

    public SharedBody(Retention retention) {
        this.retention = retention;
        this.buffered = retention.buffered();
    }

    /** Runs once, when no further request may join (e.g. to leave a coalescing map). */
    public void onClosed(Runnable action) {
        onClosed = action;
    }

    /** Adds a response; false if it can no longer join this body (start a new one). */
    public boolean subscribe(Context context, HttpServerResponse response) {
        Subscriber s;
        synchronized (lock) {
            if (closed) {
                return false;
            }
            s = new Subscriber(context, response);
            subscribers.add(s);
            hadSubscriber = true;
        }
        response.closeHandler(v -> s.gone());
        s.schedule();
        return true;
    }

    // ---- producer side (one worker thread at a time)

    /** The status is 200 and the body has this type: subscribers may send their headers. */
    public void ready(String type) throws Cancelled {
        synchronized (lock) {
            checkCancelled();
            contentType = type;
        }
        notifySubscribers();
    }

    /**
     * The whole body is already known (a cached rendering, in native memory): subscribers send it
     * in one write with a {@code Content-Length}, straight from that memory. Vert.x 5 has no public
     * way to wrap a ByteBuffer without copying it, hence its internal BufferInternal here; a copy
     * would cost every reader of a cached 24 h playlist 8 MB.
     */
    public void completeWhole(String type, ByteBuffer data) throws Cancelled {
        Buffer body = BufferInternal.buffer(Unpooled.wrappedBuffer(data));
        synchronized (lock) {
            checkCancelled();
            contentType = type;
            whole = body;
            complete = true;
        }
        notifySubscribers();
    }

    /** Adds a copy of {@code data[0..length)}; never blocks ({@link #park} is the pacing). */
    public void append(byte[] data, int length) throws Cancelled {
        Buffer chunk = Buffer.buffer(length).appendBytes(data, 0, length);
        boolean nowClosed = false;
        synchronized (lock) {
            checkCancelled();
            chunks.add(chunk);
            appendedBytes += length;
            ends.add(appendedBytes);
            heldBytes += length;
            buffered.addAndGet(length);
            if (retaining) {
                if (retention.retained().addAndGet(length) <= retention.maxRetained()) {
                    retainedBytes += length;
                } else {
                    // Over the budget: from now on chunks go once sent, and nobody may join.
                    retention.retained().addAndGet(-length - retainedBytes);
                    retainedBytes = 0;
                    retaining = false;
                    closed = true;
                    nowClosed = true;
                    trimLocked();
                }
            }
        }
        if (nowClosed) {
            closedNow();
        }
        notifySubscribers();
    }

    /**
     * Parks the producer while the window is full: true if {@code resume} will run (on the
     * subscribers' progress, or on cancellation), false if there is room now (go on producing).
     */
    public boolean park(Runnable resume) throws Cancelled {
        synchronized (lock) {
            checkCancelled();
            if (aheadLocked() < WINDOW_BYTES) {
                return false;
            }
            this.resume = resume;
            return true;
        }
    }

    /**
     * The producer is done.
     *
     * @return every chunk of the body, if it kept them all (to cache them), else null
     */
    public List<Buffer> complete() {
        List<Buffer> all;
        synchronized (lock) {
            complete = true;
            all = retaining && dropped == 0 ? List.copyOf(chunks) : null;
        }
        notifySubscribers();
        return all;
    }

    public void fail(Throwable t) {
        synchronized (lock) {
            failure = t;
            closed = true;
        }
        closedNow();
        notifySubscribers();
    }

    private void checkCancelled() throws Cancelled {
        if (cancelled) {
            throw new Cancelled();
        }
    }

    /** Bytes of chunks this body holds (tests). */
    public long heldBytes() {
        synchronized (lock) {
            return heldBytes;
        }
    }

    private void closedNow() {
        boolean isClosed;
        synchronized (lock) {
            isClosed = closed;
        }
        if (isClosed && closedOnce.compareAndSet(false, true)) {
            onClosed.run();
        }
    }

    /** Bytes appended and not yet sent by the subscriber that sets the pace. Caller holds the lock. */
    private long aheadLocked() {
        if (subscribers.isEmpty()) {
            return 0;
        }
        long pace = retaining ? Long.MIN_VALUE : Long.MAX_VALUE;
        for (Subscriber s : subscribers) {
            pace = retaining ? Math.max(pace, s.next) : Math.min(pace, s.next);
        }
        return appendedBytes - bytesBefore(pace);
    }

    /** Bytes of the body before chunk {@code index} (index ≥ dropped). Caller holds the lock. */
    private long bytesBefore(long index) {
        int at = (int) (index - dropped);
        return at == 0 ? droppedBytes : ends.get(at - 1);
    }

    /**
     * Drops what nobody needs any more: the chunks every subscriber has sent (once not
     * retaining), or everything once every subscriber has gone; takes the parked producer's
     * continuation if there is room again or nobody is left. Caller holds the lock.
     */
    private Runnable trimLocked() {
        long upTo;
        if (subscribers.isEmpty() && hadSubscriber) {
            closed = true;
            if (!complete && failure == null) {
                cancelled = true;
            }
            upTo = dropped + chunks.size();
        } else if (!retaining) {
            upTo = Long.MAX_VALUE;
            for (Subscriber s : subscribers) {
                upTo = Math.min(upTo, s.next);
            }
        } else {
            upTo = dropped;
        }
        long freed = 0;
        while (dropped < upTo && !chunks.isEmpty()) {
            freed += chunks.remove(0).length();
            droppedBytes = ends.remove(0);
            dropped++;
        }
        if (freed > 0) {
            heldBytes -= freed;
            buffered.addAndGet(-freed);
            closed = true;
        }
        if (chunks.isEmpty() && retainedBytes > 0) {
            retention.retained().addAndGet(-retainedBytes);
            retainedBytes = 0;
        }
        Runnable r = null;
        if (resume != null && (cancelled || aheadLocked() < WINDOW_BYTES)) {
            r = resume;
            resume = null;
        }
        return r;
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
        /** The next chunk to send, counted from the body's first (read under the lock). */
        private long next;

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
                    int at = (int) (next - dropped); // never negative: chunks go once all have sent them
                    chunk = at < chunks.size() ? chunks.get(at) : null;
                    end = complete && at >= chunks.size();
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
                    // memory).
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
                    buffered.addAndGet(size);
                    response.write(chunk).onComplete(ar -> written(size));
                    advance();
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
            buffered.addAndGet(-size);
            if (waitingForWrites && unwritten < WRITE_QUEUE_BYTES / 2) {
                waitingForWrites = false;
                schedule(); // not pump(): this may run inside response.write, within pump
            }
        }

        /** The chunk at {@link #next} went to the socket. */
        private void advance() {
            Runnable r;
            synchronized (lock) {
                next++;
                r = trimLocked();
            }
            closedNow();
            if (r != null) {
                r.run();
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
            Runnable r;
            synchronized (lock) {
                subscribers.remove(this);
                r = trimLocked();
            }
            closedNow();
            if (r != null) {
                r.run();
            }
        }
    }
}
