package org.wubloader.restreamer.cut;

import java.util.List;
import java.util.Map;
import org.wubloader.common.segment.Span;

/**
 * A cut ready to run: every range resolved to its best segments, every 4xx already decided.
 *
 * @param sizes segment file sizes by path (rough cuts, whose length is announced up front)
 * @param contentLength the total for a rough cut, else -1 (streamed chunked)
 */
public record CutPlan(CutType type, List<PlannedRange> ranges, Map<String, Long> sizes, long contentLength) {

    /** One range of the output: {@code [startMicros, endMicros)} and what covers it. */
    public record PlannedRange(long startMicros, long endMicros, List<Span> spans) {}
}
