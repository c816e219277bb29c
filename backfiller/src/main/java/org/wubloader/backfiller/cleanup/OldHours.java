package org.wubloader.backfiller.cleanup;

import java.util.ArrayList;
import java.util.List;
import org.wubloader.common.segment.SegmentPath;
import org.wubloader.common.time.HourNames;

/** What {@code --delete-old} may remove (docs/backfill.md §5.2), decided without I/O. */
public final class OldHours {
    private OldHours() {}

    /**
     * Hours starting before this are old. Never later than the hour of {@code now - recentCutoff},
     * so a mistyped future {@code --start} cannot delete the hour the downloader is writing.
     */
    public static long cutoffHourMicros(long startHourMicros, long nowMicros, long recentCutoffMicros) {
        return Math.min(startHourMicros, HourNames.floorHour(nowMicros - recentCutoffMicros));
    }

    /** The well-formed hour names that start before {@code cutoffHourMicros}. */
    public static List<String> oldHours(List<String> hourNames, long cutoffHourMicros) {
        List<String> out = new ArrayList<>();
        for (String hour : hourNames) {
            if (HourNames.isHourName(hour) && HourNames.parse(hour) < cutoffHourMicros) {
                out.add(hour);
            }
        }
        return out;
    }

    /** Segment files are deleted; tombstones (and anything else) stay, so a late backfill cannot bring a segment back. */
    public static boolean isDeletable(String name) {
        return name.endsWith(SegmentPath.EXTENSION) && !name.startsWith(".");
    }
}
