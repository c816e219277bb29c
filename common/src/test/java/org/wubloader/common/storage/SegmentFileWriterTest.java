package org.wubloader.common.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.SegmentHash;
import org.wubloader.common.segment.SegmentPath;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.testing.SegmentTree;

class SegmentFileWriterTest {
    static final long START = SegmentTree.at("2019-11-13T02:45:51.608");

    @Test
    void finishedSegmentIsNamedByTheHashOfItsBytes(@TempDir Path base) throws IOException {
        byte[] data = new byte[300_000];
        new Random(3).nextBytes(data);
        Path quality = base.resolve("desertbus/source");
        Path published;
        try (SegmentFileWriter writer = SegmentFileWriter.open(quality, START, 2.0)) {
            assertThat(SegmentPath.parse(writer.tempPath().toString()).type()).isEqualTo(SegmentType.TEMP);
            for (int at = 0; at < data.length; at += 8192) {
                writer.write(data, at, Math.min(8192, data.length - at));
            }
            published = writer.finish(SegmentType.FULL);
        }
        assertThat(published.getFileName().toString())
                .isEqualTo("45:51.608000-2.0-full-" + SegmentHash.of(data) + ".ts");
        assertThat(published.getParent()).isEqualTo(quality.resolve("2019-11-13T02"));
        assertThat(Files.readAllBytes(published)).isEqualTo(data);
        assertThat(AtomicFilesTest.listAll(base)).hasSize(1);
    }

    @Test
    void mismatchedHashDeletesTheTempAndPublishesNothing(@TempDir Path base) throws IOException {
        try (SegmentFileWriter writer = SegmentFileWriter.open(base.resolve("c/q"), START, 2.0)) {
            writer.write(ByteBuffer.wrap("not what was promised".getBytes()));
            assertThatThrownBy(() -> writer.finishExpecting(SegmentType.FULL, SegmentHash.EMPTY))
                    .isInstanceOf(SegmentFileWriter.HashMismatchException.class)
                    .hasMessageContaining(SegmentHash.EMPTY);
        }
        assertThat(AtomicFilesTest.listAll(base)).isEmpty();
    }

    @Test
    void matchingHashIsPublishedUnderThePromisedName(@TempDir Path base) throws IOException {
        byte[] data = "exactly these bytes".getBytes();
        Path published;
        try (SegmentFileWriter writer = SegmentFileWriter.open(base.resolve("c/q"), START, 2.002)) {
            writer.write(ByteBuffer.wrap(data));
            published = writer.finishExpecting(SegmentType.PARTIAL, SegmentHash.of(data));
        }
        Segment s = SegmentPath.parse(published.toString());
        assertThat(s.type()).isEqualTo(SegmentType.PARTIAL);
        assertThat(s.duration()).isEqualTo(2.002);
        assertThat(s.hash()).isEqualTo(SegmentHash.of(data));
    }

    @Test
    void closingWithoutFinishingLeavesNoTempFile(@TempDir Path base) throws IOException {
        try (SegmentFileWriter writer = SegmentFileWriter.open(base.resolve("c/q"), START, 2.0)) {
            writer.write(ByteBuffer.wrap(new byte[5000]));
            assertThat(writer.tempPath()).exists();
        }
        assertThat(AtomicFilesTest.listAll(base)).isEmpty();
    }
}
