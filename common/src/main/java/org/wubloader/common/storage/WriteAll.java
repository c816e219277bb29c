package org.wubloader.common.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The one way bytes are written (docs/storage.md §2.2). A single {@code write()} may write fewer bytes
 * than asked; code that ignores the count silently loses data. This loops until the buffer is
 * drained, and treats a write that makes no progress as an error rather than spinning forever.
 */
public final class WriteAll {
    private WriteAll() {}

    /** Writes every remaining byte of {@code buffer} to {@code channel}; returns the count written. */
    public static int write(WritableByteChannel channel, ByteBuffer buffer) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.write(buffer);
            if (n <= 0) {
                throw new IOException("write made no progress (" + n + " bytes written, " + buffer.remaining()
                        + " still to write); refusing to spin or drop data");
            }
            total += n;
        }
        return total;
    }

    public static int write(WritableByteChannel channel, byte[] bytes, int offset, int length) throws IOException {
        return write(channel, ByteBuffer.wrap(bytes, offset, length));
    }

    /**
     * Writes every remaining byte of {@code buffers}, in order, with gathering writes (one
     * {@code writev} per call instead of one write per buffer); returns the count written.
     */
    public static long write(GatheringByteChannel channel, ByteBuffer[] buffers) throws IOException {
        long remaining = 0;
        for (ByteBuffer b : buffers) {
            remaining += b.remaining();
        }
        long total = 0;
        while (total < remaining) {
            long n = channel.write(buffers);
            if (n <= 0) {
                throw new IOException("write made no progress (" + n + " bytes written, " + (remaining - total)
                        + " still to write); refusing to spin or drop data");
            }
            total += n;
        }
        return total;
    }
}
