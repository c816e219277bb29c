package org.wubloader.common.storage;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.common.segment.Hole;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.Span;

/**
 * Where the best non-overlapping run of segments for a range is chosen (docs/best-segments.md §3.4 steps 3–6).
 * Pure: takes each hour's {@link HourIndex} in time order.
 */
public final class BestSegments {
    /**
     * Segments in the wild are sometimes timed a few ms off each other (rounding in different
     * encoders and nodes); gaps and overlaps within ±10 ms count as seamless.
     */
    public static final long FUDGE_MICROS = 10_000L;

    private static final Logger log = LoggerFactory.getLogger(BestSegments.class);

    private BestSegments() {}

    /** Thrown in "no holes allowed" mode at the first hole. */
    public static final class ContainsHolesException extends Exception {
        public ContainsHolesException() {
            super("the range has holes", null, false, false);
        }
    }

    /**
     * Returns segments and {@link Hole}s covering {@code [startMicros, endMicros)}. A leading hole
     * is emitted when the first segment starts after the range start; a trailing hole when the
     * result is empty, ends with a partial/suspect segment, or ends before the range end.
     *
     * @param hours the indexes of the hours from the one before the start's through the end's
     * @throws ContainsHolesException if {@code allowHoles} is false and there is any hole
     */
    public static List<Span> select(List<HourIndex> hours, long startMicros, long endMicros, boolean allowHoles)
            throws ContainsHolesException {
        List<Span> result = new ArrayList<>();
        Segment previous = null;
        outer:
        for (HourIndex hour : hours) {
            for (Segment candidate : hour.chosen()) {
                if (previous == null) {
                    if (candidate.startMicros() <= startMicros && startMicros < candidate.endMicros()) {
                        result.add(candidate);
                    } else if (startMicros < candidate.startMicros() && candidate.startMicros() < endMicros) {
                        hole(result, allowHoles);
                        result.add(candidate);
                    } else if (candidate.startMicros() >= endMicros) {
                        break outer; // everything later starts after the range too
                    } else {
                        continue; // ends before the range starts
                    }
                } else {
                    long gap = candidate.startMicros() - previous.endMicros();
                    if (gap < -FUDGE_MICROS) {
                        log.info("Overlapping segments: {} overlaps end of {}", candidate.path(), previous.path());
                        continue;
                    }
                    // A partial or suspect segment is followed by a hole: a doubtful segment
                    // may stop short of its nominal end (a cut-off download, truncated data
                    // that looks valid), so what follows it cannot be called seamless.
                    if (previous.isDoubtful() || gap > FUDGE_MICROS) {
                        hole(result, allowHoles);
                    }
                    result.add(candidate);
                }
                previous = candidate;
                if (endMicros <= candidate.endMicros()) {
                    break outer;
                }
            }
        }
        if (previous == null || previous.isDoubtful() || previous.endMicros() < endMicros) {
            hole(result, allowHoles);
        }
        return result;
    }

    private static void hole(List<Span> result, boolean allowHoles) throws ContainsHolesException {
        if (!allowHoles) {
            throw new ContainsHolesException();
        }
        result.add(Hole.INSTANCE);
    }
}
