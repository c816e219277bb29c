package org.wubloader.common.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.SegmentParseException;
import org.wubloader.common.segment.SegmentPath;

/**
 * Caches each hour directory's {@link HourIndex} (docs/best-segments.md §3.4, "cache per hour directory").
 *
 * <p>The original re-lists, re-parses and re-stats every hour on every playlist request. Here a
 * warm lookup costs one {@code stat} of the directory: adding, removing or renaming an entry
 * (a new segment, a tombstone, a deletion) changes the directory's mtime, and then the hour is
 * listed again, re-using the names it already parsed.
 *
 * <p>Whether a listing still holds is {@link DirectoryStamp}'s racily-clean rule.
 */
public final class HourIndexCache {
    static final long RACY_MILLIS = DirectoryStamp.RACY_MILLIS;
    private static final Logger log = LoggerFactory.getLogger(HourIndexCache.class);

    private final InsideBase inside;
    private final ConcurrentHashMap<Path, Entry> entries = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong listings = new java.util.concurrent.atomic.AtomicLong();

    private record Entry(DirectoryStamp stamp, Map<String, Segment> parsed, HourIndex index) {}

    HourIndexCache(InsideBase inside) {
        this.inside = inside;
    }

    /** The index of {@code hourDir} (base/CHANNEL/QUALITY/HOUR), whose hour starts at {@code hourStartMicros}. */
    public HourIndex get(String channel, String quality, Path hourDir, long hourStartMicros) throws IOException {
        Path listed = hourDir;
        try {
            if (Files.isSymbolicLink(hourDir)) {
                // An hour linked elsewhere is used only if it stays inside the tree (InsideBase).
                listed = inside.realPath(hourDir);
                if (listed == null) {
                    throw new NoSuchFileException(hourDir.toString());
                }
            }
        } catch (NoSuchFileException | InsideBase.OutsideException e) {
            entries.remove(hourDir);
            return HourIndex.EMPTY;
        }
        DirectoryStamp stamp = DirectoryStamp.beforeListing(listed);
        if (stamp == null) {
            entries.remove(hourDir);
            return HourIndex.EMPTY;
        }
        Entry old = entries.get(hourDir);
        if (old != null && old.stamp.stillValid(stamp)) {
            return old.index;
        }
        listings.incrementAndGet();
        List<String> names = SegmentListing.unsortedNames(hourDir);
        String dirPrefix = hourDir.toString() + '/';
        List<String> live = SegmentListing.filterHour(names, EnumSet.noneOf(SegmentListing.Include.class));
        // Parsed names are kept only for a directory that will be listed again soon (a live hour);
        // a settled archive hour is listed once, and re-parsed in full in the rare case it changes.
        boolean trusted = stamp.trusted();
        Map<String, Segment> parsed = trusted ? Map.of() : new HashMap<>(live.size() * 2);
        List<Segment> segments = new ArrayList<>(live.size());
        Map<String, Long> sizes = new ConcurrentHashMap<>();
        for (String name : live) {
            // One lstat per entry: a name that links outside the tree is never listed, so no
            // playlist offers it and no cut opens it. The size comes with it, for tie-breaks.
            long size = inside.usableFileSize(hourDir.resolve(name));
            if (size < 0) {
                continue;
            }
            sizes.put(name, size);
            Segment s = old == null ? null : old.parsed.get(name);
            if (s == null) {
                try {
                    s = SegmentPath.parseInHour(channel, quality, hourStartMicros, name, dirPrefix + name);
                } catch (SegmentParseException e) {
                    log.warn("Skipping unparseable segment: {}", e.getMessage());
                    continue;
                }
            }
            if (!trusted) {
                parsed.put(name, s);
            }
            segments.add(s);
        }
        HourIndex index = HourIndex.build(segments, s -> sizes.getOrDefault(fileName(s), -1L));
        entries.put(hourDir, new Entry(stamp, parsed, index));
        return index;
    }

    /** How many hour directories were listed (cache misses), for metrics and tests. */
    public long listings() {
        return listings.get();
    }

    /** Forgets everything (tests; a base directory swapped under a running process). */
    public void clear() {
        entries.clear();
    }

    private static String fileName(Segment s) {
        String path = s.path();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
