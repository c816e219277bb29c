package org.wubloader.coverage;

import java.util.ArrayList;
import java.util.List;
import org.wubloader.common.time.HourNames;

/**
 * The hour-edge rules of §7, applied to the hours of one channel and quality in time order. Pure
 * and cheap, so it runs over every hour on every pass while {@link HourAnalysis} runs only for
 * hours whose listing changed.
 */
public final class HourEdges {
    private HourEdges() {}

    /** One hour directory, analysed. */
    public record Hour(String name, long startMicros, HourFigures figures) {}

    /**
     * Adds edge holes, with the same ±10 ms allowance as everywhere else (the original compared
     * strictly, weakness 16):
     *
     * <ul>
     *   <li><b>cross-hour:</b> against the most recent earlier hour that has segments: if this
     *       hour's first segment starts more than the allowance after both that hour's last end
     *       and this hour's start, the hole runs from the later of the two (the original always
     *       started it at the hour start, even when the earlier segment ran into this hour);
     *   <li><b>end of hour:</b> unless this is the last directory (the live hour), a last end
     *       more than the allowance before the hour end is a hole up to the hour end.
     * </ul>
     *
     * For the map only, the first hour with segments gets a hole from its start to its first
     * segment, and the last directory one from its last end to its end.
     */
    public static List<HourReport> apply(List<Hour> hours) {
        List<HourReport> out = new ArrayList<>(hours.size());
        HourFigures previous = null;
        for (int i = 0; i < hours.size(); i++) {
            Hour hour = hours.get(i);
            HourFigures f = hour.figures();
            long hourStart = hour.startMicros();
            long hourEnd = hourStart + HourNames.MICROS_PER_HOUR;
            boolean last = i == hours.size() - 1;
            if (!f.hasSegments()) {
                out.add(new HourReport(hour.name(), hourStart, f, List.of(), List.of(), List.of()));
                continue;
            }
            List<Interval> raw = new ArrayList<>(f.rawHoles().size() + 2);
            List<Interval> editable = new ArrayList<>(f.editableHoles().size() + 2);
            List<Interval> map = new ArrayList<>(f.rawHoles().size() + 2);
            if (previous != null) {
                addLeading(raw, hourStart, previous.lastEndMicros(), f.firstStartMicros());
                addLeading(editable, hourStart, previous.editableEndMicros(), f.firstStartMicros());
            } else if (f.firstStartMicros() > hourStart) {
                map.add(new Interval(hourStart, f.firstStartMicros()));
            }
            raw.addAll(f.rawHoles());
            editable.addAll(f.editableHoles());
            if (!last) {
                addTrailing(raw, f.lastEndMicros(), hourEnd);
                addTrailing(editable, f.editableEndMicros(), hourEnd);
            }
            map.addAll(raw);
            if (last && f.lastEndMicros() < hourEnd) {
                map.add(new Interval(f.lastEndMicros(), hourEnd));
            }
            out.add(new HourReport(hour.name(), hourStart, f, raw, editable, map));
            previous = f;
        }
        return out;
    }

    private static void addLeading(List<Interval> holes, long hourStart, long previousEnd, long firstStart) {
        long from = Math.max(hourStart, previousEnd);
        if (firstStart - from > HourAnalysis.ALLOWANCE_MICROS) {
            holes.add(new Interval(from, firstStart));
        }
    }

    private static void addTrailing(List<Interval> holes, long lastEnd, long hourEnd) {
        if (hourEnd - lastEnd > HourAnalysis.ALLOWANCE_MICROS) {
            holes.add(new Interval(lastEnd, hourEnd));
        }
    }
}
