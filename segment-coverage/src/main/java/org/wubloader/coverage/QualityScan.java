package org.wubloader.coverage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.common.storage.DirectoryStamp;
import org.wubloader.common.storage.SegmentListing;
import org.wubloader.common.time.HourNames;

/**
 * One channel and quality's pass over {@code <base>/<channel>/<quality>}, keeping each hour's
 * analysis between passes: an hour whose directory is unchanged (by {@link DirectoryStamp}'s
 * racily-clean rule, or by an identical listing) is not listed or analysed again. The hour-edge
 * rules, which depend on neighbouring hours, are re-applied every pass; they are cheap.
 *
 * <p>Not thread-safe: one checker thread owns it.
 */
final class QualityScan {
    private static final Logger log = LoggerFactory.getLogger(QualityScan.class);

    /** The outcome of one complete pass. */
    record Pass(List<HourReport> reports, int strayEntries) {}

    private record Cached(DirectoryStamp stamp, List<String> sortedNames, HourFigures figures) {}

    private final String channel;
    private final String quality;
    private final Path dir;
    private final Map<String, Cached> cache = new HashMap<>();
    private final AtomicLong analysed = new AtomicLong();

    QualityScan(Path baseDir, String channel, String quality) {
        this.channel = channel;
        this.quality = quality;
        this.dir = baseDir.resolve(channel).resolve(quality);
    }

    /** Hours analysed (cache misses) so far. */
    long analysed() {
        return analysed.get();
    }

    /**
     * Runs one pass. Returns null if the quality directory is missing (logged), or if
     * {@code stopRequested} turned true before the pass ended: nothing of a stopped pass is used.
     */
    Pass run(BooleanSupplier stopRequested) throws IOException {
        if (!Files.isDirectory(dir)) {
            log.warn("{}/{}: no directory {}, skipping this quality", channel, quality, dir);
            return null;
        }
        List<String> entries = SegmentListing.names(dir);
        List<HourEdges.Hour> hours = new ArrayList<>(entries.size());
        int stray = 0;
        Map<String, Cached> seen = new HashMap<>(entries.size() * 2);
        for (String name : entries) {
            if (stopRequested.getAsBoolean()) {
                return null;
            }
            Path hourDir = dir.resolve(name);
            if (!HourNames.isHourName(name)) {
                // Weakness 17: the original crashed on these.
                stray++;
                log.warn(
                        "{}/{}: skipping {} {}: not an hour (want YYYY-MM-DDTHH)",
                        channel,
                        quality,
                        Files.isDirectory(hourDir) ? "directory" : "file",
                        name);
                continue;
            }
            HourFigures figures;
            try {
                figures = figures(name, hourDir, seen);
            } catch (IOException e) {
                stray++;
                log.warn("{}/{}: skipping hour {}: {}", channel, quality, name, e.toString());
                continue;
            }
            if (figures == null) {
                continue; // vanished since the quality was listed
            }
            hours.add(new HourEdges.Hour(name, HourNames.parse(name), figures));
        }
        cache.clear();
        cache.putAll(seen);
        return new Pass(HourEdges.apply(hours), stray);
    }

    private HourFigures figures(String name, Path hourDir, Map<String, Cached> seen) throws IOException {
        Cached old = cache.get(name);
        DirectoryStamp stamp = DirectoryStamp.beforeListing(hourDir);
        if (stamp == null) {
            return null;
        }
        if (old != null && old.stamp.stillValid(stamp)) {
            seen.put(name, old);
            return old.figures;
        }
        if (!Files.isDirectory(hourDir)) {
            throw new IOException("not a directory");
        }
        List<String> names = SegmentListing.unsortedNames(hourDir);
        // Sorted only to compare with, or keep for, a later listing: a settled hour is neither.
        boolean compare = old != null && !old.sortedNames.isEmpty();
        if (compare || !stamp.trusted()) {
            Collections.sort(names);
        }
        HourFigures figures;
        if (compare && old.sortedNames.equals(names)) {
            figures = old.figures; // same names: segment files never change once named
        } else {
            analysed.incrementAndGet();
            figures = HourAnalysis.analyse(HourNames.parse(name), names, file -> sizeOf(hourDir.resolve(file)));
            if (!figures.bad().isEmpty()) {
                // Logged when the hour is analysed, not on every pass; the gauge keeps counting them.
                log.warn(
                        "{}/{}/{}: {} unparseable segment names, e.g. {}",
                        channel,
                        quality,
                        name,
                        figures.bad().size(),
                        figures.bad().get(0));
            }
        }
        // Names are kept only for hours that will be listed again (live ones); a trusted stamp
        // suffices for settled hours, and 168 hours x 1,800 names would be most of the heap.
        seen.put(name, new Cached(stamp, stamp.trusted() ? List.of() : names, figures));
        return figures;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1; // vanished mid-pass (weakness 17): it loses every tie
        }
    }
}
