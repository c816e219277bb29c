package org.wubloader.common.http;

import io.netty.buffer.ByteBuf;
import io.netty.util.IllegalReferenceCountException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * Releasing response chunks that arrive as direct (off-heap) buffers. The backfiller reads
 * segment bodies straight into direct buffers (its {@code DirectReads}: Vert.x hands buffers of
 * an unpooled allocator over as they are, and the JDK writes direct buffers to a file without
 * copying them first); every client layer in common that consumes a chunk releases it here, so
 * that such a client can use all of common's consumers ({@link BodyToSegment}, {@link SmallBody},
 * {@link HttpGet}'s error bodies). For any other client the chunks are heap buffers and every
 * method here leaves them to the garbage collector.
 *
 * <p>The price of direct chunks is ownership: such a chunk is released by whoever consumes it
 * ({@link #release}, which {@link BodyToSegment} calls once a chunk is on disk, or
 * {@link #appendAndRelease} for bodies collected in memory). Every consumer must release every
 * chunk, on every path: this memory counts against {@code -XX:MaxDirectMemorySize} and only an
 * explicit release gives it back — the garbage collector does not. The incident: error bodies
 * (404, 500, 302) were aggregated by {@code HttpClientResponse.body()}, which copies and drops
 * each chunk; every such response kept 256 KiB until, after about 24,000 of them, the
 * backfiller could not allocate a read buffer for anything, listings included.
 *
 * <p>Uses {@link BufferInternal}, Vert.x's API for integrators (the Netty buffer behind a
 * {@link Buffer}), not its implementation classes.
 */
public final class DirectBodies {
    private DirectBodies() {}

    /** Chunks shorter than this are copied to the heap on arrival (see {@link #compact}). */
    static final int COMPACT_BELOW = 16 * 1024;

    /**
     * A small direct chunk as a heap copy, its direct memory released at once; any other chunk
     * as it is. Why: each socket read takes a whole read buffer (256 KiB), and a chunk is a
     * slice that keeps all of it alive. A peer dripping one byte at a time made every byte pin
     * 256 KiB while {@link BodyToSegment} gathered its 256 KiB batch — 75 MiB per download over
     * five minutes, enough to exhaust a 16 MiB cap with five downloads.
     */
    public static Buffer compact(Buffer chunk) {
        if (chunk.length() < COMPACT_BELOW) {
            ByteBuf direct = direct(chunk);
            if (direct != null) {
                Buffer copy = Buffer.buffer(chunk.getBytes());
                release(direct);
                return copy;
            }
        }
        return chunk;
    }

    /** Appends {@code chunk} to {@code into} (a heap copy) and releases the chunk. */
    public static void appendAndRelease(Buffer into, Buffer chunk) {
        try {
            into.appendBuffer(chunk);
        } finally {
            release(chunk);
        }
    }

    /** Frees a chunk's memory now if it is direct; heap chunks are the GC's. */
    public static void release(Buffer chunk) {
        ByteBuf direct = direct(chunk);
        if (direct != null) {
            release(direct);
        }
    }

    private static void release(ByteBuf buf) {
        if (buf.refCnt() > 0) {
            buf.release();
        }
    }

    /**
     * The direct Netty buffer behind {@code chunk}, or null for a heap chunk. Vert.x exposes a
     * direct buffer as an unreleasable view of a slice; {@code unwrap()} is that slice, which
     * shares its reference count with the buffer it was cut from, so releasing it releases the
     * chunk.
     */
    private static ByteBuf direct(Buffer chunk) {
        if (chunk instanceof BufferInternal internal) {
            ByteBuf view;
            try {
                view = internal.getByteBuf();
            } catch (IllegalReferenceCountException alreadyReleased) {
                // Vert.x cuts the view from the buffer, which refuses once freed: nothing to do.
                return null;
            }
            if (view.isDirect()) {
                ByteBuf slice = view.unwrap();
                return slice != null ? slice : view;
            }
        }
        return null;
    }
}
