package org.wubloader.coverage;

import java.util.List;

/**
 * What one hour directory's listing says on its own, before the hour-edge rules that depend on
 * its neighbours ({@link HourEdges}). Times are epoch microseconds.
 *
 * @param segmentCount files per type, duplicates included ({@code temp} never counted)
 * @param segmentDurationMicros summed nominal durations per type, duplicates included
 * @param bad names that look like segments ({@code .ts}) but do not parse
 * @param rawCoverageMicros covered time: the union of the chosen segments (never decreases)
 * @param editableCoverageMicros covered time by the overlap-free run the restreamer would serve
 * @param overlapCount duplicates beside the chosen segment of a start, and chosen segments
 *     overlapping earlier ones by more than the allowance, per type
 * @param overlapMicros the overlapping time of those
 * @param rawHoles gaps of more than the allowance between chosen segments, within the hour
 * @param editableHoles gaps in the overlap-free run, within the hour
 * @param partialOnly chosen segments that are partial or suspect (no full copy of that start)
 * @param firstStartMicros start of the first chosen segment (meaningless when {@link #hasSegments()} is false)
 * @param lastEndMicros the latest end of any chosen segment
 * @param editableEndMicros end of the last segment of the overlap-free run
 */
public record HourFigures(
        PerType segmentCount,
        PerType segmentDurationMicros,
        List<String> bad,
        long rawCoverageMicros,
        long editableCoverageMicros,
        PerType overlapCount,
        PerType overlapMicros,
        List<Interval> rawHoles,
        List<Interval> editableHoles,
        List<Interval> partialOnly,
        boolean hasSegments,
        long firstStartMicros,
        long lastEndMicros,
        long editableEndMicros) {

    public HourFigures {
        bad = List.copyOf(bad);
        rawHoles = List.copyOf(rawHoles);
        editableHoles = List.copyOf(editableHoles);
        partialOnly = List.copyOf(partialOnly);
    }

    /** An hour with nothing in it (missing or empty directory). */
    public static final HourFigures EMPTY = new HourFigures(
            PerType.ZERO,
            PerType.ZERO,
            List.of(),
            0,
            0,
            PerType.ZERO,
            PerType.ZERO,
            List.of(),
            List.of(),
            List.of(),
            false,
            0,
            0,
            0);
}
