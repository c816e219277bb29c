package org.wubloader.restreamer.playlist;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wubloader.common.segment.Hole;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.Span;

/**
 * What a live playlist shows on a refresh, given what it showed before (pure). A live playlist
 * only grows at its end (RFC 8216 §6.2.1), and a player finds its place again on a reload by
 * media sequence number: a segment inserted or removed before its position shifts every later
 * number, and the player repeats or skips video. Two things change the middle of a live range:
 * a segment arriving late (a backfilled one always is) and a tombstone. So:
 *
 * <ul>
 *   <li>Everything up to the last segment already shown stays as shown: a hole stays a hole
 *       (a late segment in it is left out while the range is live) and each shown segment keeps
 *       its place, so its sequence number is stable.</li>
 *   <li>A shown segment that is gone now (tombstoned or deleted) keeps its place and is marked
 *       {@code #EXT-X-GAP}: players do not fetch it, and the numbers after it do not move.</li>
 *   <li>A shown segment replaced by a better copy with the same start (a full one backfilled
 *       over a partial one) is shown as the better copy, in the same place.</li>
 *   <li>Everything after the last segment shown is new and appended as it is now.</li>
 * </ul>
 *
 * Once the range is wholly in the past, the playlist is rendered afresh, late segments included.
 *
 * @param spans what to render
 * @param gaps segments of {@code spans} to mark {@code #EXT-X-GAP}
 */
record LiveView(List<Span> spans, Set<Segment> gaps) {
    static LiveView merge(List<Span> shown, List<Span> now) {
        int lastShown = shown.size() - 1;
        while (lastShown >= 0 && !(shown.get(lastShown) instanceof Segment)) {
            lastShown--;
        }
        if (lastShown < 0) {
            return new LiveView(now, Set.of());
        }
        Map<Long, Segment> present = new HashMap<>();
        for (Span span : now) {
            if (span instanceof Segment s) {
                present.put(s.startMicros(), s);
            }
        }
        List<Span> out = new ArrayList<>(Math.max(shown.size(), now.size()) + 1);
        Set<Segment> gaps = new HashSet<>();
        for (int i = 0; i <= lastShown; i++) {
            Span span = shown.get(i);
            if (span instanceof Segment s) {
                Segment current = present.get(s.startMicros());
                if (current != null) {
                    out.add(current);
                } else {
                    out.add(s);
                    gaps.add(s);
                }
            } else {
                out.add(span);
            }
        }
        long lastStart = ((Segment) shown.get(lastShown)).startMicros();
        boolean afterHole = false;
        boolean appending = false;
        for (Span span : now) {
            if (appending) {
                out.add(span);
            } else if (span instanceof Segment s) {
                if (s.startMicros() > lastStart) {
                    if (afterHole) {
                        out.add(Hole.INSTANCE);
                    }
                    out.add(s);
                    appending = true;
                }
                afterHole = false;
            } else {
                afterHole = true;
            }
        }
        if (!appending && (shown.get(shown.size() - 1) instanceof Hole || afterHole)) {
            out.add(Hole.INSTANCE); // still open at the end: keep ENDLIST off
        }
        return new LiveView(List.copyOf(out), Set.copyOf(gaps));
    }
}
