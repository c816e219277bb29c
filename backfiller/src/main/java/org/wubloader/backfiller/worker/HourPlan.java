package org.wubloader.backfiller.worker;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.SegmentParseException;
import org.wubloader.common.segment.SegmentPath;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.storage.PathPart;
import org.wubloader.common.time.HourNames;

/**
 * What to do about one hour of one peer (docs/backfill.md §5.2 steps 2–3), decided without any I/O: given
 * the peer's listing and ours, which tombstones to create, which segments to download, and why
 * the rest is skipped.
 */
public record HourPlan(List<String> tombstones, List<Segment> downloads, Map<Skip, List<String>> skipped) {
    /** Start times within this distance count as the same segment (nodes round differently). */
    public static final long NEAR_IDENTICAL_MICROS = 1_000;

    /** Why a missing name is not fetched. */
    public enum Skip {
        /** Contains a path separator, NUL, or starts with '.': never touch such a name. */
        UNSAFE_NAME,
        /** Not a segment or tombstone (e.g. chat {@code .json} batches). */
        NOT_A_SEGMENT,
        /** Ends in .ts or .tombstone but does not parse. */
        UNPARSEABLE,
        /** Still being written on the peer. */
        TEMP,
        /** We hold a tombstone for it: it must not come back. */
        TOMBSTONED_HERE,
        /**
         * Started less than the recent cutoff ago: our own downloader probably has it coming.
         * When a stream's delay went over a minute in production, backfillers fetched segments
         * the local downloader was still writing; hence {@code --recent-cutoff} (120 s by
         * default, configurable for streams with a longer delay).
         */
        RECENT,
        /** We have the same segment under a start time at most 1 ms away. */
        NEAR_IDENTICAL
    }

    public HourPlan {
        tombstones = List.copyOf(tombstones);
        downloads = List.copyOf(downloads);
        EnumMap<Skip, List<String>> copy = new EnumMap<>(Skip.class);
        skipped.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        skipped = Collections.unmodifiableMap(copy);
    }

    public int skippedCount() {
        return skipped.values().stream().mapToInt(List::size).sum();
    }

    public int missingCount() {
        return tombstones.size() + downloads.size() + skippedCount();
    }

    /**
     * Plans one hour.
     *
     * @param remoteNames the peer's listing with tombstones
     * @param localNames every non-hidden name in our hour directory (segments, tombstones, temp files…)
     * @param recentCutoffMicros segments starting after {@code nowMicros - recentCutoffMicros} are left alone
     * @param random shuffles the downloads, so workers for different peers do not all fetch the
     *     same segment at the same moment
     */
    public static HourPlan plan(
            String channel,
            String quality,
            String hour,
            Collection<String> remoteNames,
            Collection<String> localNames,
            long nowMicros,
            long recentCutoffMicros,
            Random random) {
        long hourMicros = HourNames.parse(hour);
        Set<String> local = new HashSet<>(localNames);
        Map<NearKey, List<Long>> localStarts = localStarts(channel, quality, hourMicros, local);
        Set<Identity> localTombstones = localTombstones(channel, quality, hourMicros, local);
        List<String> tombstones = new ArrayList<>();
        List<Segment> downloads = new ArrayList<>();
        Map<Skip, List<String>> skipped = new EnumMap<>(Skip.class);
        for (String name : new LinkedHashSet<>(remoteNames)) {
            if (local.contains(name)) {
                continue;
            }
            Skip skip = null;
            if (!PathPart.isSafe(name)) {
                skip = Skip.UNSAFE_NAME;
            } else if (name.endsWith(SegmentPath.TOMBSTONE_EXTENSION)) {
                Segment hidden = parse(channel, quality, hourMicros, SegmentPath.segmentNameOfTombstone(name));
                if (hidden == null) {
                    skip = Skip.UNPARSEABLE;
                } else if (localTombstones.contains(Identity.of(hidden))) {
                    continue; // we hold it already, under another formatting of the same name
                } else {
                    tombstones.add(name);
                    continue;
                }
            } else if (!name.endsWith(SegmentPath.EXTENSION)) {
                skip = Skip.NOT_A_SEGMENT;
            } else {
                Segment segment = parse(channel, quality, hourMicros, name);
                if (segment == null) {
                    skip = Skip.UNPARSEABLE;
                } else if (segment.type() == SegmentType.TEMP) {
                    skip = Skip.TEMP;
                } else if (local.contains(SegmentPath.tombstoneName(name))
                        || localTombstones.contains(Identity.of(segment))) {
                    skip = Skip.TOMBSTONED_HERE;
                } else if (nowMicros - segment.startMicros() < recentCutoffMicros) {
                    skip = Skip.RECENT;
                } else if (hasNearIdentical(localStarts, segment)) {
                    skip = Skip.NEAR_IDENTICAL;
                } else {
                    downloads.add(segment);
                    continue;
                }
            }
            skipped.computeIfAbsent(skip, k -> new ArrayList<>()).add(name);
        }
        Collections.shuffle(downloads, random);
        return new HourPlan(tombstones, downloads, skipped);
    }

    private record NearKey(double duration, SegmentType type, String hash) {}

    /**
     * A segment by what its name means rather than how it is spelled: {@code 00:00.5-2.0-…} and
     * {@code 00:00.500000-2.00-…} are the same segment (docs/storage.md §2.1 allows both spellings).
     * Having a segment is decided by exact name or {@link #NEAR_IDENTICAL_MICROS}; a tombstone
     * hides every spelling of its segment.
     */
    private record Identity(long startMicros, double duration, SegmentType type, String hash) {
        static Identity of(Segment s) {
            return new Identity(s.startMicros(), s.duration(), s.type(), s.hash());
        }
    }

    private static Set<Identity> localTombstones(String channel, String quality, long hourMicros, Set<String> local) {
        Set<Identity> out = new HashSet<>();
        for (String name : local) {
            if (name.endsWith(SegmentPath.TOMBSTONE_EXTENSION)) {
                Segment s = parse(channel, quality, hourMicros, SegmentPath.segmentNameOfTombstone(name));
                if (s != null) {
                    out.add(Identity.of(s));
                }
            }
        }
        return out;
    }

    private static Map<NearKey, List<Long>> localStarts(
            String channel, String quality, long hourMicros, Set<String> local) {
        Map<NearKey, List<Long>> out = new HashMap<>();
        for (String name : local) {
            if (!name.endsWith(SegmentPath.EXTENSION)) {
                continue;
            }
            Segment s = parse(channel, quality, hourMicros, name);
            if (s != null && s.type() != SegmentType.TEMP) {
                out.computeIfAbsent(new NearKey(s.duration(), s.type(), s.hash()), k -> new ArrayList<>())
                        .add(s.startMicros());
            }
        }
        return out;
    }

    private static boolean hasNearIdentical(Map<NearKey, List<Long>> localStarts, Segment s) {
        List<Long> starts = localStarts.get(new NearKey(s.duration(), s.type(), s.hash()));
        if (starts != null) {
            for (long start : starts) {
                if (Math.abs(start - s.startMicros()) <= NEAR_IDENTICAL_MICROS) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Segment parse(String channel, String quality, long hourMicros, String name) {
        try {
            return SegmentPath.parseInHour(channel, quality, hourMicros, name, name);
        } catch (SegmentParseException e) {
            return null;
        }
    }
}
