package org.wubloader.downloader.hls;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * When each segment of one playlist fetch starts. Pure: the same input gives the same
 * answer, and nothing is carried over from earlier fetches.
 *
 * <p>A segment starts at its PROGRAM-DATE-TIME if it has one; otherwise at the previous
 * segment's start plus the previous segment's duration. Ads count like any other segment,
 * so an ad never looks like clock skew. Segments before the first dated one have no
 * previous start; for them the caller may pass the fetch time, and the segment is then
 * assumed to start the remaining playlist duration before it (the last segment ending at
 * the fetch time), which is the best a live playlist allows.
 */
public final class StartTimes {

    /** Where a start time came from; anything but {@link #PROGRAM_DATE_TIME} is a guess. */
    public enum Basis {
        /** The segment's own EXT-X-PROGRAM-DATE-TIME. */
        PROGRAM_DATE_TIME,
        /** The previous segment's start plus its duration. */
        PREVIOUS_SEGMENT,
        /** The fetch time minus the remaining playlist duration, or derived from such a guess. */
        FETCH_TIME,
        /** Not known: undated, with no earlier dated segment and no fetch time given. */
        UNKNOWN
    }

    /**
     * A segment's start.
     *
     * @param time the start in UTC, or null if {@code basis} is UNKNOWN
     * @param basis where it came from
     */
    public record SegmentStart(Instant time, Basis basis) {
        public SegmentStart {
            if ((time == null) != (basis == Basis.UNKNOWN)) {
                throw new IllegalArgumentException("time must be null exactly when the basis is UNKNOWN");
            }
        }

        /** Whether the playlist stated this time; a derived time makes the segment suspect. */
        public boolean stated() {
            return basis == Basis.PROGRAM_DATE_TIME;
        }
    }

    private static final SegmentStart UNKNOWN = new SegmentStart(null, Basis.UNKNOWN);

    private StartTimes() {}

    /** Start times without a fallback: leading undated segments are UNKNOWN. */
    public static List<SegmentStart> compute(List<MediaSegment> segments) {
        return compute(segments, null);
    }

    /**
     * Start times of {@code segments}, one per segment, in order.
     *
     * @param fetchTime when the playlist was fetched, used for leading undated segments; null
     *     to leave them UNKNOWN
     */
    public static List<SegmentStart> compute(List<MediaSegment> segments, Instant fetchTime) {
        Objects.requireNonNull(segments, "segments");
        List<SegmentStart> starts = new ArrayList<>(segments.size());
        Duration remaining =
                segments.stream().map(MediaSegment::nominalDuration).reduce(Duration.ZERO, Duration::plus);
        SegmentStart previous = null;
        Duration previousDuration = Duration.ZERO;
        for (MediaSegment segment : segments) {
            SegmentStart start;
            if (segment.programDateTime() != null) {
                start = new SegmentStart(segment.programDateTime(), Basis.PROGRAM_DATE_TIME);
            } else if (previous != null && previous.time() != null) {
                // A time derived from an estimate is still an estimate.
                Basis basis = previous.basis() == Basis.FETCH_TIME ? Basis.FETCH_TIME : Basis.PREVIOUS_SEGMENT;
                start = new SegmentStart(previous.time().plus(previousDuration), basis);
            } else if (fetchTime != null) {
                start = new SegmentStart(fetchTime.minus(remaining), Basis.FETCH_TIME);
            } else {
                start = UNKNOWN;
            }
            starts.add(start);
            previous = start;
            previousDuration = segment.nominalDuration();
            remaining = remaining.minus(previousDuration);
        }
        return List.copyOf(starts);
    }
}
