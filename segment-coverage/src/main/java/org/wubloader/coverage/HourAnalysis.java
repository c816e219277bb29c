package org.wubloader.coverage;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.SegmentParseException;
import org.wubloader.common.segment.SegmentPath;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.storage.BestSegments;
import org.wubloader.common.storage.HourIndex;
import org.wubloader.common.storage.SegmentListing;

/**
 * The per-hour analysis of docs/coverage.md §7, as a pure function of one hour's listing.
 *
 * <p>Everything is computed from the segment that best-segment selection ({@link HourIndex})
 * chooses for each start, so the map agrees with what the restreamer serves. The original used
 * whichever file of a group came last in its loop, possibly a temp file (weakness 12).
 *
 * <p>Two runs are followed over the chosen segments in start order:
 *
 * <ul>
 *   <li>the <b>raw</b> run is the union of all chosen segments: a segment overlapping what is
 *       already covered by more than {@link #ALLOWANCE_MICROS} is an overlap and adds only the time
 *       past the covered end (so raw coverage never decreases, weakness 13), and gaps are measured
 *       from the latest end so far, not from the end of an overlapping segment (weakness 14);
 *   <li>the <b>editable</b> run is the overlap-free run {@link BestSegments#select} serves: an
 *       overlapping segment is skipped, and gaps are measured from the last segment kept.
 * </ul>
 */
public final class HourAnalysis {
    /** The original's ALLOWABLE_OVERLAP = ALLOWABLE_GAP = 0.01 s, the same as best-segment selection's. */
    public static final long ALLOWANCE_MICROS = BestSegments.FUDGE_MICROS;

    /** Size of the file of that name in the hour directory, or -1 if it vanished. */
    @FunctionalInterface
    public interface SizeOfName {
        long size(String name);
    }

    private HourAnalysis() {}

    /**
     * Analyses one hour.
     *
     * @param hourStartMicros start of the hour the directory is named after
     * @param names the directory's non-hidden names, any order ({@code .tombstone}s hide their
     *     segments; names not ending in {@code .ts} are ignored)
     * @param sizes file sizes, asked only to break ties between copies of one start
     */
    public static HourFigures analyse(long hourStartMicros, List<String> names, SizeOfName sizes) {
        List<String> live = SegmentListing.filterHour(names, EnumSet.noneOf(SegmentListing.Include.class));
        List<Segment> segments = new ArrayList<>(live.size());
        List<String> bad = new ArrayList<>();
        PerType.Builder count = new PerType.Builder();
        PerType.Builder duration = new PerType.Builder();
        for (String name : live) {
            Segment s;
            try {
                // The path is the bare name: it is how sizes are asked for.
                s = SegmentPath.parseInHour(null, null, hourStartMicros, name, name);
            } catch (SegmentParseException e) {
                bad.add(name);
                continue;
            }
            segments.add(s);
            if (s.type() != SegmentType.TEMP) {
                count.add(s.type(), 1);
                duration.add(s.type(), s.durationMicros());
            }
        }
        HourIndex index = HourIndex.build(segments, s -> sizes.size(s.path()));
        PerType.Builder overlapCount = new PerType.Builder();
        PerType.Builder overlapMicros = new PerType.Builder();
        countDuplicates(segments, index, overlapCount, overlapMicros);

        List<Segment> chosen = index.chosen();
        if (chosen.isEmpty()) {
            return new HourFigures(
                    count.build(),
                    duration.build(),
                    bad,
                    0,
                    0,
                    overlapCount.build(),
                    overlapMicros.build(),
                    List.of(),
                    List.of(),
                    List.of(),
                    false,
                    0,
                    0,
                    0);
        }
        List<Interval> rawHoles = new ArrayList<>();
        List<Interval> editableHoles = new ArrayList<>();
        List<Interval> partialOnly = new ArrayList<>();
        long raw = 0;
        long editable = 0;
        long coveredUntil = Long.MIN_VALUE;
        long editableEnd = Long.MIN_VALUE;
        for (Segment s : chosen) {
            long start = s.startMicros();
            long end = s.endMicros();
            if (s.isDoubtful()) {
                partialOnly.add(new Interval(start, end));
            }
            if (coveredUntil == Long.MIN_VALUE) {
                raw = end - start;
                editable = end - start;
                coveredUntil = end;
                editableEnd = end;
                continue;
            }
            long rawGap = start - coveredUntil;
            if (rawGap < -ALLOWANCE_MICROS) {
                overlapCount.add(s.type(), 1);
                overlapMicros.add(s.type(), Math.min(end, coveredUntil) - start);
                raw += Math.max(0, end - coveredUntil);
            } else {
                raw += end - start;
                if (rawGap > ALLOWANCE_MICROS) {
                    rawHoles.add(new Interval(coveredUntil, start));
                }
            }
            coveredUntil = Math.max(coveredUntil, end);
            long editableGap = start - editableEnd;
            if (editableGap >= -ALLOWANCE_MICROS) {
                editable += end - start;
                if (editableGap > ALLOWANCE_MICROS) {
                    editableHoles.add(new Interval(editableEnd, start));
                }
                editableEnd = end;
            }
        }
        return new HourFigures(
                count.build(),
                duration.build(),
                bad,
                raw,
                editable,
                overlapCount.build(),
                overlapMicros.build(),
                rawHoles,
                editableHoles,
                partialOnly,
                true,
                chosen.get(0).startMicros(),
                coveredUntil,
                editableEnd);
    }

    /**
     * Every copy of a start that was not chosen is an overlap of its own type: the original
     * ignored suspects beside a full file and partials beside a suspect (weakness 15).
     */
    private static void countDuplicates(
            List<Segment> segments, HourIndex index, PerType.Builder count, PerType.Builder micros) {
        if (segments.size() == index.chosen().size()) {
            return; // no temp files and one file per start: nothing to count
        }
        Map<Segment, Boolean> chosen = new IdentityHashMap<>(index.chosen().size() * 2);
        for (Segment s : index.chosen()) {
            chosen.put(s, Boolean.TRUE);
        }
        for (Segment s : segments) {
            if (s.type() != SegmentType.TEMP && !chosen.containsKey(s)) {
                count.add(s.type(), 1);
                micros.add(s.type(), s.durationMicros());
            }
        }
    }
}
