package org.wubloader.backfiller.worker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import org.wubloader.common.time.HourNames;

/** Which of a peer's hours a pass visits, in which order (docs/backfill.md §5.2 step 1). */
public final class HourSelection {
    private HourSelection() {}

    /** The hours to visit, newest first, and the names a peer listed that are not hours at all. */
    public record Selected(List<String> hours, List<String> rejected) {
        public Selected {
            hours = List.copyOf(hours);
            rejected = List.copyOf(rejected);
        }
    }

    /**
     * Newest first, because the newest footage is what viewers and editors want next. With a
     * start, hours that end before it are skipped. Names that are not well-formed hours are
     * rejected: they could be anything a hostile or broken peer sends, including {@code ..}.
     */
    public static Selected select(List<String> remoteHours, OptionalLong startHourMicros) {
        List<String> hours = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (String hour : remoteHours) {
            if (!HourNames.isHourName(hour)) {
                rejected.add(hour);
            } else if (startHourMicros.isEmpty() || HourNames.parse(hour) >= startHourMicros.getAsLong()) {
                if (!hours.contains(hour)) {
                    hours.add(hour);
                }
            }
        }
        hours.sort(Comparator.reverseOrder());
        return new Selected(hours, rejected);
    }
}
