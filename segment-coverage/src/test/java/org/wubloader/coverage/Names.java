package org.wubloader.coverage;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.wubloader.common.segment.SegmentHash;
import org.wubloader.common.segment.SegmentPath;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.testing.SegmentTree;

/** Segment names for hand-made hours, and their pretend sizes. */
final class Names {
    static final long HOUR = SegmentTree.at("2019-11-13T02:00:00");
    static final long H = 3_600_000_000L;

    final Map<String, Long> sizes = new HashMap<>();

    static long s(double seconds) {
        return Math.round(seconds * 1_000_000d);
    }

    /** A segment of {@code hourStart} at {@code offset} s into it; {@code variant} picks the hash. */
    String name(long hourStart, double offset, double duration, SegmentType type, int variant, long size) {
        String hash = type == SegmentType.TEMP
                ? "6f1ed002-ab5d-42e0-868f-9e4b2c5f00" + String.format("%02d", variant)
                : SegmentHash.of(("v" + variant + "@" + offset).getBytes(StandardCharsets.UTF_8));
        String name = SegmentPath.fileName(hourStart + s(offset), duration, type, hash);
        sizes.put(name, size);
        return name;
    }

    String full(double offset, double duration) {
        return name(HOUR, offset, duration, SegmentType.FULL, 0, 1000);
    }

    long size(String name) {
        return sizes.getOrDefault(name, -1L);
    }

    /**
     * {@code hours} whole hours of empty 2-second full segment files under {@code qualityDir}: a
     * large tree made quickly (names are what a pass reads; contents and hashes are not checked).
     */
    static void emptyHours(java.nio.file.Path qualityDir, long firstHour, int hours) throws java.io.IOException {
        String hash = SegmentHash.EMPTY;
        for (int h = 0; h < hours; h++) {
            long start = firstHour + h * H;
            java.nio.file.Path dir = java.nio.file.Files.createDirectories(
                    qualityDir.resolve(org.wubloader.common.time.HourNames.format(start)));
            for (int i = 0; i < 1800; i++) {
                java.nio.file.Files.createFile(
                        dir.resolve(SegmentPath.fileName(start + i * 2_000_000L, 2.0, SegmentType.FULL, hash)));
            }
        }
    }
}
