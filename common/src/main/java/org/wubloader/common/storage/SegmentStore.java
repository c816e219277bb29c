package org.wubloader.common.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wubloader.common.metrics.Timed;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.Span;
import org.wubloader.common.time.HourNames;

/**
 * A node's segment tree under one base directory, with the per-hour cache that makes repeated
 * best-segment queries cheap. The restreamer and segment-coverage read the archive through this.
 */
public final class SegmentStore {
    private final Path baseDir;
    /** {@code get_best_segments{hours_path,has_holes,error}}, or null: not measured. */
    private volatile Timed bestSegmentsTiming;

    private final InsideBase inside;
    private final HourIndexCache cache;

    public SegmentStore(Path baseDir) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.inside = new InsideBase(this.baseDir);
        this.cache = new HourIndexCache(inside);
    }

    /** The rule every reader of this tree applies before listing or opening a path. */
    public InsideBase inside() {
        return inside;
    }

    public Path baseDir() {
        return baseDir;
    }

    /**
     * Times every {@link #bestSegments} call as the original's {@code get_best_segments}, labelled
     * {@code hours_path} (the quality directory), {@code has_holes} ({@code True}/{@code False},
     * Python's spelling) and {@code error}, normalised by the segments found. A lookup in a
     * directory that does not exist is not recorded: its path is client input.
     */
    public void timeBestSegmentsWith(Timed timing) {
        this.bestSegmentsTiming = timing;
    }

    public Path qualityDir(String channel, String quality) {
        return baseDir.resolve(channel).resolve(quality);
    }

    /** The cached index of one hour directory. */
    public HourIndex hour(String channel, String quality, String hourName) throws IOException {
        long hourStart = HourNames.parse(hourName);
        if (!usableQuality(channel, quality)) {
            return HourIndex.EMPTY;
        }
        return cache.get(channel, quality, qualityDir(channel, quality).resolve(hourName), hourStart);
    }

    /**
     * Best segments for {@code [startMicros, endMicros)} (docs/best-segments.md §3.4). Scans the hours from the one
     * before the start's (a segment starting at 00:59:59 covers 01:00:01) through the end's;
     * only hour directories that exist are looked at, so an absurdly long explicit range costs
     * no more than the hours actually stored.
     */
    public List<Span> bestSegments(String channel, String quality, long startMicros, long endMicros, boolean allowHoles)
            throws IOException, BestSegments.ContainsHolesException {
        Timed timing = bestSegmentsTiming;
        if (timing == null) {
            return lookUp(channel, quality, startMicros, endMicros, allowHoles);
        }
        String hoursPath = qualityDir(channel, quality).toString();
        Timed.Operation op = timing.start("get_best_segments", "hours_path", hoursPath);
        try {
            List<Span> spans = lookUp(channel, quality, startMicros, endMicros, allowHoles);
            if (!spans.isEmpty() || Files.isDirectory(qualityDir(channel, quality))) {
                long found = spans.stream().filter(s -> s instanceof Segment).count();
                op.label("has_holes", found < spans.size() ? "True" : "False").done(found);
            }
            return spans;
        } catch (IOException | BestSegments.ContainsHolesException | RuntimeException e) {
            if (Files.isDirectory(qualityDir(channel, quality))) {
                op.label("has_holes", e instanceof BestSegments.ContainsHolesException ? "True" : "False")
                        .failed(e);
            }
            throw e;
        }
    }

    private List<Span> lookUp(String channel, String quality, long startMicros, long endMicros, boolean allowHoles)
            throws IOException, BestSegments.ContainsHolesException {
        if (!usableQuality(channel, quality)) {
            return BestSegments.select(List.of(), startMicros, endMicros, allowHoles);
        }
        long first = HourNames.floorHour(startMicros) - HourNames.MICROS_PER_HOUR;
        long last = HourNames.floorHour(endMicros);
        Path qualityDir = qualityDir(channel, quality);
        List<String> hours = SegmentListing.hours(qualityDir, inside, first, last);
        List<HourIndex> indexes = new ArrayList<>(hours.size());
        for (String name : hours) {
            indexes.add(cache.get(channel, quality, qualityDir.resolve(name), HourNames.parse(name)));
        }
        return BestSegments.select(indexes, startMicros, endMicros, allowHoles);
    }

    /** False if the quality directory is missing or it (or its channel) links outside the tree. */
    private boolean usableQuality(String channel, String quality) throws IOException {
        try {
            return inside.realPath(qualityDir(channel, quality)) != null;
        } catch (InsideBase.OutsideException e) {
            return false;
        }
    }

    public HourIndexCache cache() {
        return cache;
    }
}
