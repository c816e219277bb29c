package org.wubloader.restreamer.cut;

import java.util.List;
import java.util.Map;
import org.wubloader.common.segment.Span;

/**
 * A cut ready to run: every range resolved to its best segments, every 4xx already decided.
 *
 * @param transitions one per gap between ranges
 * @param sizes segment file sizes by path (rough cuts, whose length is announced up front)
 * @param contentLength the total for a rough cut, else -1 (streamed chunked)
 */
public record CutPlan(
        CutType type,
        List<PlannedRange> ranges,
        List<Transition> transitions,
        Map<String, Long> sizes,
        long contentLength) {

    /**
     * Whether one ffmpeg filter graph makes the whole output: webm always, and any re-encoding
     * type joining ranges with a real transition (fast/smart included, see the README).
     */
    public boolean usesGraph() {
        return type == CutType.WEBM
                || (type != CutType.ROUGH && transitions.stream().anyMatch(t -> !t.hard()));
    }

    /** Seconds of video in the output (the metrics' normalisation). */
    public double outputSeconds() {
        long micros = 0;
        for (PlannedRange r : ranges) {
            micros += r.endMicros() - r.startMicros();
        }
        if (type != CutType.ROUGH) {
            for (Transition t : transitions) {
                micros -= t.durationMicros();
            }
        }
        return micros / 1e6;
    }

    /** One range of the output: {@code [startMicros, endMicros)} and what covers it. */
    public record PlannedRange(long startMicros, long endMicros, List<Span> spans) {}
}
