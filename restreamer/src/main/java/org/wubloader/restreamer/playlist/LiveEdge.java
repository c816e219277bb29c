package org.wubloader.restreamer.playlist;

import java.util.List;
import org.wubloader.common.segment.Hole;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.Span;

/**
 * The live-edge rule of docs/best-segments.md, pure: a live playlist may only grow at its end (RFC 8216
 * §6.2.1), but the downloader sometimes saves a segment after the one that follows it. So a hole
 * followed by a segment that started less than {@link #WINDOW_MICROS} ago is treated as the end
 * of the playlist for now: the hole and everything after it are dropped (the kept trailing hole
 * keeps {@code #EXT-X-ENDLIST} off), giving the late segment time to arrive before players see
 * the stretch.
 */
public final class LiveEdge {
    public static final long WINDOW_MICROS = 15_000_000L;

    private LiveEdge() {}

    public static List<Span> apply(List<Span> spans, long nowMicros) {
        long horizon = nowMicros - WINDOW_MICROS;
        for (int i = 0; i + 1 < spans.size(); i++) {
            if (spans.get(i) instanceof Hole
                    && spans.get(i + 1) instanceof Segment next
                    && next.startMicros() >= horizon) {
                return spans.subList(0, i + 1);
            }
        }
        return spans;
    }
}
