package org.wubloader.backfiller.worker;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.channel.ChannelConfig;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.wubloader.common.http.DirectBodies;

/**
 * The peer client's connections read into direct (off-heap) buffers, which reach
 * {@code BodyToSegment} as they are, and those buffers are reused.
 *
 * <p>Why direct: Vert.x copies every chunk read into Netty's pooled buffers onto the heap, and
 * the JDK copies every heap buffer written to a file into a temporary direct buffer first: two
 * copies of each byte that a backfiller, bound by two cores shared with the peer, pays for on
 * top of hashing it. Vert.x hands buffers of any other allocator over as they are (measured on
 * the backfiller benchmark: 12 % less user CPU per GB). Whoever consumes a chunk releases it
 * ({@link DirectBodies}).
 *
 * <p>Why reused: a fresh 256 KiB direct buffer per socket read is a fresh mapping of memory that
 * the JDK zeroes and the kernel faults in page by page, and freeing it unmaps it again; in a
 * profile of a cold one-hour {@code --run-once} that was 9 % of the process's CPU (0.65 s of
 * 7.5 s), more than the socket reads themselves. A released read buffer goes back to a small
 * free list (at most {@link #KEPT}, a few MiB of {@code -XX:MaxDirectMemorySize}) and the next
 * read takes it from there. A chunk that is never released never comes back, so a leak still
 * exhausts the cap (the reliability tests rely on that).
 *
 * <p>Uses one Vert.x implementation class ({@code ConnectionBase}, for the connection's Netty
 * channel: no public Vert.x option sets a client's allocator); a Vert.x upgrade that changes it
 * breaks the build here, not at run time.
 */
final class DirectReads {
    /** Bytes per socket read: a few reads per MiB segment, and little memory per connection. */
    static final int READ_BYTES = 256 * 1024;
    /** Read buffers kept for reuse: more than the downloads in flight at the usual concurrency hold. */
    static final int KEPT = 16;

    /** Each holds one read buffer's memory (a Netty buffer of {@link #READ_BYTES}, never handed out itself). */
    private static final BlockingQueue<ByteBuf> FREE = new ArrayBlockingQueue<>(KEPT);

    private static final ByteBufAllocator ALLOCATOR = new Allocator();

    private DirectReads() {}

    /** For {@code HttpClientBuilder.withConnectHandler}: this connection's reads go to direct buffers. */
    static void onConnect(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            ChannelConfig config = base.channel().config();
            config.setAllocator(ALLOCATOR);
            config.setRecvByteBufAllocator(new FixedRecvByteBufAllocator(READ_BYTES));
        }
    }

    /** Read buffers waiting for reuse (for tests). */
    static int kept() {
        return FREE.size();
    }

    /**
     * Unpooled as far as Vert.x can tell (it copies only buffers of Netty's pooled allocators),
     * but the memory of read buffers is reused. Other buffers (a request's headers) are Netty's
     * unpooled direct buffers.
     */
    private static final class Allocator extends AbstractByteBufAllocator {
        private static final ByteBufAllocator OTHERS = new UnpooledByteBufAllocator(true, true, false);

        Allocator() {
            super(true);
        }

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            return OTHERS.heapBuffer(initialCapacity, maxCapacity);
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            if (initialCapacity != READ_BYTES) {
                return OTHERS.directBuffer(initialCapacity, maxCapacity);
            }
            ByteBuf memory = FREE.poll();
            if (memory == null) {
                memory = OTHERS.directBuffer(READ_BYTES, READ_BYTES);
            }
            return new ReadBuffer(this, memory, maxCapacity).clear();
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    }

    /**
     * A read buffer over memory of the free list, which goes back there (or is freed, if the list
     * is full) once the buffer and every slice of it are released. Slices share the buffer's
     * reference count, so a chunk released twice cannot release memory another read now uses.
     */
    private static final class ReadBuffer extends UnpooledDirectByteBuf {
        private ByteBuf memory;

        ReadBuffer(ByteBufAllocator alloc, ByteBuf memory, int maxCapacity) {
            // Netty neither frees nor keeps memory it is given this way (a view of `memory`): this
            // class does.
            super(alloc, memory.nioBuffer(0, READ_BYTES), maxCapacity);
            this.memory = memory;
        }

        /**
         * Growing (a header cut by a read's end, merged with the next read) moves the bytes to
         * memory Netty allocates and frees itself; ours goes back at once. Netty grows a buffer in
         * place only while no slice of it is held, so no chunk still reads the old memory.
         */
        @Override
        public ByteBuf capacity(int newCapacity) {
            if (newCapacity == capacity() || memory == null) {
                return super.capacity(newCapacity);
            }
            ByteBuf old = memory;
            memory = null;
            super.capacity(newCapacity);
            giveBack(old);
            return this;
        }

        @Override
        protected void deallocate() {
            super.deallocate();
            if (memory != null) {
                giveBack(memory);
                memory = null;
            }
        }

        private static void giveBack(ByteBuf old) {
            if (!FREE.offer(old)) {
                old.release();
            }
        }
    }
}
