package org.wubloader.common.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteAllTest {
    /** A channel that really writes at most {@code limit} bytes per call, as pipes and sockets may. */
    static final class ShortWriteChannel implements WritableByteChannel {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        final int limit;
        int calls;

        ShortWriteChannel(int limit) {
            this.limit = limit;
        }

        @Override
        public int write(ByteBuffer src) {
            calls++;
            int n = Math.min(limit, src.remaining());
            byte[] chunk = new byte[n];
            src.get(chunk);
            written.write(chunk, 0, n);
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }

    @Test
    void shortWritesLoseNothing() throws IOException {
        byte[] data = new byte[100_003];
        new Random(1).nextBytes(data);
        ShortWriteChannel channel = new ShortWriteChannel(7);
        assertThat(WriteAll.write(channel, ByteBuffer.wrap(data))).isEqualTo(data.length);
        assertThat(channel.written.toByteArray()).isEqualTo(data);
        assertThat(channel.calls).isEqualTo((data.length + 6) / 7);
    }

    /** Gathering writes that really stop short, at most {@code limit} bytes per call. */
    static final class ShortGatheringChannel implements java.nio.channels.GatheringByteChannel {
        final ShortWriteChannel inner;

        ShortGatheringChannel(int limit) {
            inner = new ShortWriteChannel(limit);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            long n = 0;
            for (int i = offset; i < offset + length && n < inner.limit; i++) {
                ByteBuffer src = srcs[i];
                int take = (int) Math.min(src.remaining(), inner.limit - n);
                ByteBuffer slice = src.duplicate();
                slice.limit(slice.position() + take);
                n += inner.write(slice);
                src.position(src.position() + take);
            }
            return n;
        }

        @Override
        public long write(ByteBuffer[] srcs) {
            return write(srcs, 0, srcs.length);
        }

        @Override
        public int write(ByteBuffer src) {
            return inner.write(src);
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }

    @Test
    void shortGatheringWritesLoseNothing() throws IOException {
        byte[] data = new byte[50_001];
        new Random(4).nextBytes(data);
        ByteBuffer[] parts = {
            ByteBuffer.wrap(data, 0, 10_000), ByteBuffer.wrap(data, 10_000, 0), ByteBuffer.wrap(data, 10_000, 40_001)
        };
        ShortGatheringChannel channel = new ShortGatheringChannel(999);
        assertThat(WriteAll.write(channel, parts)).isEqualTo(data.length);
        assertThat(channel.inner.written.toByteArray()).isEqualTo(data);
        assertThatThrownBy(() -> WriteAll.write(new ShortGatheringChannel(0), new ByteBuffer[] {ByteBuffer.wrap(data)}))
                .hasMessageContaining("no progress");
    }

    @Test
    void aWriteThatMakesNoProgressFailsInsteadOfSpinning() {
        WritableByteChannel stuck = new ShortWriteChannel(0);
        assertThatThrownBy(() -> WriteAll.write(stuck, ByteBuffer.wrap(new byte[10])))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no progress");
    }

    @Test
    void writesWholeFilesThroughRealFileChannels(@TempDir Path dir) throws IOException {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(2).nextBytes(data);
        Path file = dir.resolve("f");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            WriteAll.write(channel, data, 0, data.length);
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(data);
    }
}
