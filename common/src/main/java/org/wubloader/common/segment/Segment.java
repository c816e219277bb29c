package org.wubloader.common.segment;

import java.time.Instant;
import org.wubloader.common.time.HourNames;
import org.wubloader.common.time.Micros;

/**
 * A parsed segment file name (docs/storage.md §2.1).
 *
 * <p>Times are integer microseconds since the Unix epoch (UTC) so that equality decisions are
 * exact; {@code duration} keeps the EXTINF double because that is what the name encodes and
 * formatting it back must reproduce the name byte for byte.
 *
 * @param path the path this was parsed from, as given (absolute, relative, or just a file name)
 * @param channel null when the path had no channel part
 * @param quality null when the path had no quality part
 * @param startMicros segment start, or {@link #NO_START} when the path had no hour part
 * @param duration nominal duration in seconds
 * @param type the TYPE field
 * @param hash URL-safe base64 SHA-256 of the file's bytes; for {@code temp}, the random UUID
 */
public record Segment(
        String path, String channel, String quality, long startMicros, double duration, SegmentType type, String hash)
        implements Span {

    /** {@link #startMicros} of a segment parsed from a bare file name. */
    public static final long NO_START = Long.MIN_VALUE;

    public boolean hasStart() {
        return startMicros != NO_START;
    }

    /** The duration rounded to whole microseconds, for exact time arithmetic. */
    public long durationMicros() {
        return Math.round(duration * 1_000_000d);
    }

    public long endMicros() {
        return startMicros + durationMicros();
    }

    public Instant start() {
        requireStart();
        return Micros.toInstant(startMicros);
    }

    public Instant end() {
        requireStart();
        return Micros.toInstant(endMicros());
    }

    /** The hour directory name, e.g. {@code 2019-11-13T02}. */
    public String hour() {
        requireStart();
        return HourNames.format(startMicros);
    }

    /** The file name, formatted from the fields (round-trips every name the downloader writes). */
    public String fileName() {
        requireStart();
        return SegmentPath.fileName(startMicros, duration, type, hash);
    }

    /** True for {@code partial} and {@code suspect}: usable, but a hole is assumed after them. */
    public boolean isDoubtful() {
        return type == SegmentType.PARTIAL || type == SegmentType.SUSPECT;
    }

    private void requireStart() {
        if (!hasStart()) {
            throw new IllegalStateException("segment parsed without its hour has no start: " + path);
        }
    }
}
