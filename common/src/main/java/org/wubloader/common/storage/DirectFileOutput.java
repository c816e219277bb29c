package org.wubloader.common.storage;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A new file written with {@code O_DIRECT}: from an aligned staging buffer straight to the device,
 * not through the page cache (docs/storage.md §2.2, "Direct writes").
 *
 * <p>Why (issue 15): a backfill writes gigabytes that nobody reads soon. Through the page cache
 * the kernel first copies every byte into freshly allocated cache pages, and on this project's
 * VMs that copy ran at about 1 GB/s and was the single largest cost of a one-hour
 * {@code --run-once} (perf: {@code copy_folio_from_iter_atomic}, 21 % of its CPU samples); the
 * same 2 GB written by {@code dd} took 3.5 s through the cache and 1.2 s with {@code O_DIRECT},
 * with almost no CPU. Written directly, the bytes are on the device when the write returns, so
 * nothing is left for the writeback either.
 *
 * <p>{@code O_DIRECT} wants the buffer's address, the file position and every write's length to
 * be multiples of the file system's block size. Bytes are therefore copied into a staging buffer
 * aligned to {@link #ALIGNMENT} and written a whole buffer at a time; the last, partial block is
 * written padded with zeros, then the file is truncated to the exact length before it may be
 * published (a kill between the two leaves a longer temp file, never a wrong final one).
 */
final class DirectFileOutput implements SegmentOutput {
    /**
     * Alignment of the staging buffer and of every write: 4 KiB, a multiple of the block size of
     * every file system and device we have seen (512-byte and 4 KiB devices, 4 KiB ext4/xfs
     * blocks). A file system that needs more refuses the first write, and {@link DirectWrites}
     * then turns direct writes off for the process.
     */
    static final int ALIGNMENT = 4096;
    /** One staging buffer per open file: four writes per MiB, ~1 MiB in all at the backfiller's default concurrency of 5. */
    static final int STAGING_BYTES = 256 * 1024;
    /** Staging buffers kept for reuse, so a run allocates a handful instead of one per segment. */
    private static final int POOL_LIMIT = 16;

    private static final ConcurrentLinkedQueue<ByteBuffer> pool = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger pooled = new AtomicInteger();

    private final FileChannel channel;
    private ByteBuffer staging;
    private long length;

    private DirectFileOutput(FileChannel channel) {
        this.channel = channel;
        this.staging = take();
    }

    /** Creates {@code path} (which must not exist) for direct writes; fails where the file system refuses {@code O_DIRECT}. */
    static DirectFileOutput create(Path path) throws IOException {
        FileChannel channel = FileChannel.open(
                path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
        return new DirectFileOutput(channel);
    }

    @Override
    public void write(ByteBuffer[] buffers) throws IOException {
        for (ByteBuffer source : buffers) {
            while (source.hasRemaining()) {
                int n = Math.min(staging.remaining(), source.remaining());
                ByteBuffer part = source.duplicate();
                part.limit(part.position() + n);
                staging.put(part);
                source.position(source.position() + n);
                length += n;
                if (!staging.hasRemaining()) {
                    drain(STAGING_BYTES);
                }
            }
        }
    }

    /** Writes the staged bytes, padded to whole blocks, and cuts the file back to its true length. */
    @Override
    public void complete() throws IOException {
        int staged = staging.position();
        if (staged > 0) {
            int padded = (staged + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
            while (staging.position() < padded) {
                staging.put((byte) 0);
            }
            drain(padded);
            channel.truncate(length);
        }
    }

    private void drain(int bytes) throws IOException {
        staging.flip();
        staging.limit(bytes);
        WriteAll.write(channel, staging);
        staging.clear();
    }

    @Override
    public void close() throws IOException {
        ByteBuffer buffer = staging;
        staging = null;
        if (buffer != null) {
            give(buffer);
        }
        channel.close();
    }

    private static ByteBuffer take() {
        ByteBuffer buffer = pool.poll();
        if (buffer != null) {
            pooled.decrementAndGet();
            buffer.clear();
            return buffer;
        }
        // The aligned slice keeps its parent (and so the native memory) reachable for as long as it is used.
        return ByteBuffer.allocateDirect(STAGING_BYTES + ALIGNMENT)
                .alignedSlice(ALIGNMENT)
                .slice(0, STAGING_BYTES);
    }

    private static void give(ByteBuffer buffer) {
        if (pooled.incrementAndGet() <= POOL_LIMIT) {
            pool.offer(buffer);
        } else {
            pooled.decrementAndGet();
        }
    }

    /** Staging buffers waiting for reuse (for tests: every output closed gives its buffer back). */
    static int pooledBuffers() {
        return pooled.get();
    }
}
