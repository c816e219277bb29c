package org.wubloader.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.wubloader.common.segment.SegmentHash;
import org.wubloader.common.segment.SegmentPath;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.time.HourNames;
import org.wubloader.common.time.Micros;
import org.wubloader.common.time.Timestamps;

/**
 * Builds synthetic segment trees for tests and benchmarks: correct names and hashes, any number
 * of hours, gaps, duplicates, partial/suspect/temp files and tombstones. Contents are small
 * deterministic bytes (not playable video; see {@link TestMedia} for that).
 */
public final class SegmentTree {
    private final Path baseDir;

    public SegmentTree(Path baseDir) {
        this.baseDir = baseDir;
    }

    public Path baseDir() {
        return baseDir;
    }

    /** Epoch microseconds of a timestamp such as {@code 2019-11-13T02:00:00}. */
    public static long at(String timestamp) {
        return Micros.of(Timestamps.parse(timestamp));
    }

    public static Instant instant(String timestamp) {
        return Timestamps.parse(timestamp);
    }

    /** Deterministic content for a synthetic segment; {@code variant} makes different bytes for the same start. */
    public static byte[] content(long startMicros, int size, int variant) {
        byte[] seed = ("segment " + startMicros + " v" + variant + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = seed[i % seed.length];
        }
        return out;
    }

    /** Writes a segment with exactly {@code bytes}, named by their hash; returns its path. */
    public Path write(
            String channel, String quality, long startMicros, double duration, SegmentType type, byte[] bytes) {
        String hash = type == SegmentType.TEMP ? java.util.UUID.randomUUID().toString() : SegmentHash.of(bytes);
        Path file = baseDir.resolve(SegmentPath.relativePath(channel, quality, startMicros, duration, type, hash));
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A full segment of {@code size} synthetic bytes. */
    public Path segment(String channel, String quality, long startMicros, double duration, SegmentType type, int size) {
        return write(channel, quality, startMicros, duration, type, content(startMicros, size, 0));
    }

    public Path full(String channel, String quality, long startMicros, double duration) {
        return segment(channel, quality, startMicros, duration, SegmentType.FULL, 64);
    }

    /** {@code count} back-to-back full segments of {@code duration} seconds from {@code startMicros}. */
    public List<Path> run(String channel, String quality, long startMicros, int count, double duration, int size) {
        List<Path> out = new ArrayList<>(count);
        long step = Math.round(duration * 1_000_000d);
        for (int i = 0; i < count; i++) {
            out.add(segment(channel, quality, startMicros + i * step, duration, SegmentType.FULL, size));
        }
        return out;
    }

    /** {@code hours} whole hours of 2-second full segments (1,800 per hour) from the hour of {@code startMicros}. */
    public List<Path> hours(String channel, String quality, long startMicros, int hours, int size) {
        return run(channel, quality, HourNames.floorHour(startMicros), hours * 1800, 2.0, size);
    }

    /** Creates the tombstone that hides {@code segment}; returns its path. */
    public Path tombstone(Path segment) {
        Path tombstone = segment.resolveSibling(
                SegmentPath.tombstoneName(segment.getFileName().toString()));
        try {
            Files.write(tombstone, new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tombstone;
    }

    /** Path relative to the base dir, with '/' separators (as URLs and listings use). */
    public String relative(Path file) {
        return baseDir.relativize(file).toString();
    }
}
