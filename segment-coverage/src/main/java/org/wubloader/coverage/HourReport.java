package org.wubloader.coverage;

import java.util.List;

/**
 * One hour's final figures: its own {@link HourFigures} plus the hour-edge holes.
 *
 * @param hour the directory name, e.g. {@code 2019-11-13T02}
 * @param rawHoles every raw hole, edge holes included, in time order
 * @param editableHoles every editable hole, edge holes included, in time order
 * @param mapHoles what the map paints white: the raw holes plus the map-only edge holes
 */
public record HourReport(
        String hour,
        long startMicros,
        HourFigures figures,
        List<Interval> rawHoles,
        List<Interval> editableHoles,
        List<Interval> mapHoles) {
    public HourReport {
        rawHoles = List.copyOf(rawHoles);
        editableHoles = List.copyOf(editableHoles);
        mapHoles = List.copyOf(mapHoles);
    }

    public long endMicros() {
        return startMicros + org.wubloader.common.time.HourNames.MICROS_PER_HOUR;
    }

    public static long totalMicros(List<Interval> intervals) {
        long total = 0;
        for (Interval i : intervals) {
            total += i.lengthMicros();
        }
        return total;
    }
}
