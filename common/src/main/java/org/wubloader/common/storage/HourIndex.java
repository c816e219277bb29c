package org.wubloader.common.storage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.SegmentHash;
import org.wubloader.common.segment.SegmentType;

/**
 * The best segment per distinct start time within one hour directory (docs/best-segments.md §3.4 step 2), in
 * time order. Pure: file sizes, needed only to break ties between duplicates, come from the
 * caller.
 *
 * @param chosen one segment per start time, sorted by start
 */
public record HourIndex(List<Segment> chosen) {
    public static final HourIndex EMPTY = new HourIndex(List.of());

    /** Size of a segment file in bytes; -1 if it vanished (it then loses every tie). */
    @FunctionalInterface
    public interface SizeOf extends ToLongFunction<Segment> {}

    private static final Comparator<Segment> BY_START = Comparator.comparingLong(Segment::startMicros);

    /**
     * Picks one segment per start: a {@code full} one if any (longest duration, then largest file,
     * then highest hash, so every node picks the same one); otherwise the largest
     * {@code suspect}; otherwise the largest {@code partial}. {@code temp} files are ignored:
     * they may vanish before anyone reads them.
     */
    public static HourIndex build(List<Segment> segments, SizeOf sizeOf) {
        List<Segment> sorted = new ArrayList<>(segments.size());
        for (Segment s : segments) {
            if (s.type() != SegmentType.TEMP) {
                sorted.add(s);
            }
        }
        sorted.sort(BY_START);
        List<Segment> chosen = new ArrayList<>(sorted.size());
        int i = 0;
        while (i < sorted.size()) {
            int j = i + 1;
            long start = sorted.get(i).startMicros();
            while (j < sorted.size() && sorted.get(j).startMicros() == start) {
                j++;
            }
            chosen.add(j - i == 1 ? sorted.get(i) : choose(sorted.subList(i, j), sizeOf));
            i = j;
        }
        return new HourIndex(List.copyOf(chosen));
    }

    private static Segment choose(List<Segment> group, SizeOf sizeOf) {
        List<Segment> full = new ArrayList<>(2);
        for (Segment s : group) {
            if (s.type() == SegmentType.FULL) {
                full.add(s);
            }
        }
        if (full.size() == 1) {
            return full.get(0);
        }
        return full.isEmpty()
                ? best(group, sizeOf, HourIndex::betterDoubtful)
                : best(full, sizeOf, HourIndex::betterFull);
    }

    /** Is {@code a} (of {@code sizeA} bytes) a better pick than {@code b}? */
    private interface Preference {
        boolean better(Segment a, long sizeA, Segment b, long sizeB);
    }

    private static Segment best(List<Segment> candidates, SizeOf sizeOf, Preference preference) {
        Segment best = null;
        long bestSize = 0;
        for (Segment s : candidates) {
            long size = sizeOf.applyAsLong(s);
            if (best == null || preference.better(s, size, best, bestSize)) {
                best = s;
                bestSize = size;
            }
        }
        return best;
    }

    private static boolean betterFull(Segment a, long sizeA, Segment b, long sizeB) {
        int byDuration = Long.compare(a.durationMicros(), b.durationMicros());
        if (byDuration != 0) {
            return byDuration > 0;
        }
        if (sizeA != sizeB) {
            return sizeA > sizeB;
        }
        return SegmentHash.compare(a.hash(), b.hash()) > 0;
    }

    private static boolean betterDoubtful(Segment a, long sizeA, Segment b, long sizeB) {
        boolean aSuspect = a.type() == SegmentType.SUSPECT;
        boolean bSuspect = b.type() == SegmentType.SUSPECT;
        if (aSuspect != bSuspect) {
            return aSuspect;
        }
        return sizeA > sizeB;
    }
}
