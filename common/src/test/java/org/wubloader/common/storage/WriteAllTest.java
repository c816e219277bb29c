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
