package org.wubloader.common.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelConfig;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.buffer.impl.BufferImpl;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Response bodies that reach {@link BodyToSegment} as direct (off-heap) buffers, for clients
 * whose bodies are hashed and written to disk and nothing else.
 *
 * <p>Why: Vert.x copies every chunk read into its pooled buffers onto the heap, and the JDK
 * copies every heap buffer written to a file into a temporary direct buffer first: two copies
 * of each byte that a backfiller, bound by two cores shared with the peer, pays for on top of
 * hashing it. A connection whose reads come from an unpooled direct allocator skips both
 * (Vert.x hands unpooled buffers over as they are). Measured on the backfiller benchmark: 12 %
 * less user CPU per GB.
 *
 * <p>The price is ownership: such a chunk is released by whoever consumes it
 * ({@link #release}, which {@link BodyToSegment} calls once a chunk is on disk, or
 * {@link #appendAndRelease} for bodies collected in memory). Every consumer must release every
 * chunk, on every path: Netty counts this memory against {@code -XX:MaxDirectMemorySize} and
 * only an explicit release gives it back — the garbage collector does not. The incident: error
 * bodies (404, 500, 302) were aggregated by {@code HttpClientResponse.body()}, which copies and
 * drops each chunk; every such response kept 256 KiB until, after about 24,000 of them, the
 * backfiller could not allocate a read buffer for anything, listings included.
 *
 * <p>Uses Vert.x internals ({@code ConnectionBase}, {@code BufferImpl}); a Vert.x upgrade that
 * changes them breaks the build here, not at run time.
 */
public final class DirectBodies {
    /** Bytes per socket read: a few reads per MiB segment, and little memory per connection. */
    static final int READ_BYTES = 256 * 1024;

    private static final ByteBufAllocator ALLOCATOR = new UnpooledByteBufAllocator(true, true, false);

    private DirectBodies() {}

    /** For {@code HttpClientBuilder.withConnectHandler}: this connection's reads go to direct buffers. */
    public static void onConnect(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            ChannelConfig config = base.channel().config();
            config.setAllocator(ALLOCATOR);
            config.setRecvByteBufAllocator(new FixedRecvByteBufAllocator(READ_BYTES));
        }
    }

    /** Chunks shorter than this are copied to the heap on arrival (see {@link #compact}). */
    static final int COMPACT_BELOW = 16 * 1024;

    /**
     * A small direct chunk as a heap copy, its direct memory released at once; any other chunk
     * as it is. Why: each socket read takes a whole {@link #READ_BYTES} buffer, and a chunk is a
     * slice that keeps all of it alive. A peer dripping one byte at a time made every byte pin
     * 256 KiB while {@link BodyToSegment} gathered its 256 KiB batch — 75 MiB per download over
     * five minutes, enough to exhaust a 16 MiB cap with five downloads.
     */
    public static Buffer compact(Buffer chunk) {
        if (chunk.length() < COMPACT_BELOW
                && chunk instanceof BufferImpl impl
                && impl.byteBuf().isDirect()) {
            Buffer copy = Buffer.buffer(chunk.getBytes());
            release(chunk);
            return copy;
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

    /** Frees a chunk's memory now if it is one of ours (direct); heap chunks are the GC's. */
    public static void release(Buffer chunk) {
        if (chunk instanceof BufferImpl impl) {
            ByteBuf buf = impl.byteBuf();
            if (buf.isDirect() && buf.refCnt() > 0) {
                buf.release();
            }
        }
    }
}
