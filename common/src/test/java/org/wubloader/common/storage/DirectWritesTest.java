package org.wubloader.common.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wubloader.common.segment.SegmentHash;
import org.wubloader.common.testing.PageCache;
import org.wubloader.common.testing.SegmentTree;

/**
 * {@link WriteMode#DIRECT}: segments written past the page cache are byte for byte what was
 * given, whatever the sizes of the file and of its chunks; they really bypass the cache; their
 * staging buffers come back on every path; a file system that refuses {@code O_DIRECT} gets the
 * bytes through the cache instead.
 *
 * <p>On the project's own disk (under {@code target/}), not the temp directory: that may be a
 * tmpfs, which is the page cache.
 */
class DirectWritesTest {
    static final long START = SegmentTree.at("2019-11-13T02:45:51.608");

    private Path base;

    @BeforeEach
    void makeBase() throws IOException {
        Files.createDirectories(Path.of("target"));
        base = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "direct-writes-");
    }

    @AfterEach
    void removeBase() throws IOException {
        try (var paths = Files.walk(base)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4095, 4096, 4097, 262_143, 262_144, 262_145, 1_048_589, 3_000_001})
    void aDirectlyWrittenSegmentIsExactlyItsBytes(int size) throws IOException {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        Path published = writeInChunks(data, new Random(size + 1L), WriteMode.DIRECT);
        assertThat(Files.size(published)).isEqualTo(size);
        assertThat(Files.readAllBytes(published)).isEqualTo(data);
        assertThat(AtomicFilesTest.listAll(base))
                .containsExactly(base.relativize(published).toString());
    }

    @Test
    void directWritesLeaveNothingInThePageCacheAndBufferedOnesDo() throws Exception {
        byte[] data = new byte[4 * 1024 * 1024];
        new Random(7).nextBytes(data);
        Path direct = writeInChunks(data, new Random(8), WriteMode.DIRECT);
        Path buffered = writeInChunks(copyWithLastByte(data, 1), new Random(9), WriteMode.BUFFERED);
        assertThat(PageCache.residentBytes(buffered)).isEqualTo(data.length);
        // The padded last block and the truncation go to the device too; nothing of it is cached.
        assertThat(PageCache.residentBytes(direct)).isZero();
        assertThat(Files.readAllBytes(direct)).isEqualTo(data);
    }

    @Test
    void everyPathGivesTheStagingBufferBack() throws IOException {
        // Warm the pool: then each writer below takes a buffer from it and must return it.
        List<SegmentFileWriter> open = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            open.add(SegmentFileWriter.open(base.resolve("c/q"), START + i * 2_000_000L, 2.0, "t", WriteMode.DIRECT));
        }
        open.forEach(SegmentFileWriter::abort);
        int pooled = DirectFileOutput.pooledBuffers();

        byte[] data = "bytes".getBytes(StandardCharsets.UTF_8);
        SegmentFileWriter finished = SegmentFileWriter.open(base.resolve("c/q"), START, 2.0, "t", WriteMode.DIRECT);
        SegmentFileWriter mismatched = SegmentFileWriter.open(base.resolve("c/q"), START, 2.0, "t", WriteMode.DIRECT);
        SegmentFileWriter aborted = SegmentFileWriter.open(base.resolve("c/q"), START, 2.0, "t", WriteMode.DIRECT);
        assertThat(DirectFileOutput.pooledBuffers()).isEqualTo(pooled - 3);
        for (SegmentFileWriter w : List.of(finished, mismatched, aborted)) {
            w.write(ByteBuffer.wrap(data));
        }
        finished.finishAs("45:51.608-2.0-full-" + SegmentHash.of(data) + ".ts", SegmentHash.of(data));
        assertThatThrownBy(() -> mismatched.finishAs("45:51.608-2.0-full-x.ts", SegmentHash.EMPTY))
                .isInstanceOf(SegmentFileWriter.HashMismatchException.class);
        aborted.abort();
        aborted.close();
        assertThat(DirectFileOutput.pooledBuffers()).isEqualTo(pooled);
        assertThat(AtomicFilesTest.listAll(base)).hasSize(1);
    }

    @Test
    void aDirectOpenFailingForAnotherReasonIsThatFilesErrorAndDirectWritesStayOn() throws IOException {
        Path notADirectory = Files.writeString(base.resolve("plain-file"), "x");
        assertThatThrownBy(() -> DirectWrites.create(notADirectory.resolve("segment.ts"), WriteMode.DIRECT))
                .isInstanceOf(IOException.class);
        assertThat(DirectWrites.wereRefused()).isFalse();
    }

    /**
     * ramfs refuses {@code O_DIRECT} (EINVAL, after creating the file), so a child JVM writes
     * there, in a mount namespace of its own that disappears with it (nothing is mounted on
     * this machine's tree).
     */
    @Test
    void whereTheFileSystemRefusesDirectWritesTheBytesGoThroughThePageCache() throws Exception {
        Path mountPoint = Files.createDirectories(base.resolve("ramfs"));
        Process child = new ProcessBuilder(
                        "unshare",
                        "--mount",
                        "--propagation",
                        "private",
                        "sh",
                        "-c",
                        "mount -t ramfs ramfs \"$1\" && exec \"$2\" -cp \"$3\" " + DirectWriteProbe.class.getName()
                                + " \"$1\"",
                        "sh",
                        mountPoint.toString(),
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        System.getProperty("java.class.path"))
                .redirectErrorStream(true)
                .start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("probe finished").isTrue();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("file system: ramfs")
                .contains("direct writes refused: true")
                .contains("published: " + DirectWriteProbe.EXPECTED)
                .contains("files left: 1");
    }

    private Path writeInChunks(byte[] data, Random random, WriteMode mode) throws IOException {
        try (SegmentFileWriter writer = SegmentFileWriter.open(base.resolve("c/q"), START, 2.0, "test", mode)) {
            int at = 0;
            while (at < data.length) {
                int n = Math.min(data.length - at, 1 + random.nextInt(200_000));
                // Direct and heap chunks at odd offsets, as network chunks arrive.
                ByteBuffer chunk = random.nextBoolean() ? ByteBuffer.allocateDirect(n + 3) : ByteBuffer.allocate(n + 3);
                chunk.position(3);
                chunk.put(data, at, n).flip().position(3);
                writer.write(new ByteBuffer[] {chunk});
                at += n;
            }
            String hash = SegmentHash.of(data);
            return writer.finishAs("45:51.608-2.0-full-" + hash + ".ts", hash);
        }
    }

    private static byte[] copyWithLastByte(byte[] data, int delta) {
        byte[] copy = data.clone();
        copy[copy.length - 1] += (byte) delta;
        return copy;
    }
}
