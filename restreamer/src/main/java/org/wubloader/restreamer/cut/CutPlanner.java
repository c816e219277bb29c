package org.wubloader.restreamer.cut;

import java.util.ArrayList;
import java.util.List;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.Span;

/**
 * Which bytes make up a cut of one range (pure). Holes are simply skipped here: whether they are
 * allowed was decided before.
 */
public final class CutPlanner {
    private CutPlanner() {}

    /** Rough cut: every covering segment whole. */
    public static List<Piece> rough(List<Span> spans) {
        List<Piece> out = new ArrayList<>();
        for (Span span : spans) {
            if (span instanceof Segment s) {
                out.add(new Piece.Whole(s));
            }
        }
        return out;
    }

    /**
     * Exact cut of {@code [startMicros, endMicros)}: the first segment trimmed at the start, the
     * last at the end (one segment may be trimmed at both), everything between whole.
     */
    public static List<Piece> exact(List<Span> spans, long startMicros, long endMicros) {
        List<Segment> segments = new ArrayList<>();
        for (Span span : spans) {
            if (span instanceof Segment s) {
                segments.add(s);
            }
        }
        List<Piece> out = new ArrayList<>(segments.size());
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            long from = i == 0 ? Math.max(0, startMicros - s.startMicros()) : 0;
            long to = i == segments.size() - 1 ? endMicros - s.startMicros() : Long.MAX_VALUE;
            boolean trimEnd = to < s.durationMicros();
            if (from == 0 && !trimEnd) {
                out.add(new Piece.Whole(s));
            } else {
                out.add(new Piece.Trimmed(s, from, trimEnd ? to : -1));
            }
        }
        return out;
    }
}
