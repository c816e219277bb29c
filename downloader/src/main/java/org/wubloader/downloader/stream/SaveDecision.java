package org.wubloader.downloader.stream;

import java.time.Duration;
import org.wubloader.common.segment.SegmentType;

/** Which name a downloaded segment is saved under (docs/downloader.md §6 "Attempt", steps 4–5). Pure. */
public final class SaveDecision {
    private SaveDecision() {}

    /**
     * A segment whose body ended normally: {@code suspect} if the worker or the start time is
     * doubtful, the download took at least {@code threshold} (Twitch cuts stuck requests at
     * 60 s with truncated but valid-looking data; the map fetch is not counted), or the body
     * is empty; otherwise {@code full}.
     */
    public static SegmentType complete(boolean suspect, Duration took, Duration threshold, long bodyBytes) {
        if (suspect || took.compareTo(threshold) >= 0 || bodyBytes == 0) {
            return SegmentType.SUSPECT;
        }
        return SegmentType.FULL;
    }

    /**
     * A body that broke off: what arrived is kept as {@code partial}, unless nothing of the
     * body arrived (a file of map data alone would be useless, and would look like a segment).
     */
    public static boolean keepPartial(long bodyBytes) {
        return bodyBytes > 0;
    }
}
