package org.wubloader.backfiller.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.SegmentParseException;
import org.wubloader.common.segment.SegmentPath;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.storage.InsideBase;
import org.wubloader.common.storage.SegmentListing;

/**
 * Removes the temp files a backfiller left behind when it was killed (kill -9, power loss):
 * after a crash-restart loop 103 of them remained, and a verified tree compared as different.
 *
 * <p>Which: only ours — {@code TIME-DURATION-temp-backfill-UUID.ts} ({@link #TAG}); the
 * downloader's temps (untagged) may be live downloads and are its business. When: a download
 * ends (and deletes its temp) at the latest {@code --download-timeout} after it started, and a
 * temp file is never modified before it is created, so a temp of ours whose last modification
 * is older than the download timeout cannot belong to a live download — of this process or of
 * another backfiller on the same directory with the same timeout. Run at start over every hour
 * of every configured channel and quality, and on each pass over each hour visited.
 *
 * <p>Also {@code NAME.UUID.temp} files ({@code AtomicFiles}' temps: tombstones in hour
 * directories, extras files) older than the same age, in hour directories and {@code --extras}
 * directories (at start). Any service may write those, but each such write lasts milliseconds:
 * one older than minutes was left by a process that died.
 */
public final class StaleTemps {
    /** The tag in the temp names a backfiller writes. */
    public static final String TAG = "backfill";

    private static final Logger log = LoggerFactory.getLogger(StaleTemps.class);

    private StaleTemps() {}

    /** Whether {@code name} is a temp file a backfiller wrote. Pure. */
    static boolean isOurs(String name) {
        if (!name.endsWith(SegmentPath.EXTENSION) || !name.contains("-temp-" + TAG + "-")) {
            return false;
        }
        try {
            Segment s = SegmentPath.parse(name);
            return s.type() == SegmentType.TEMP && s.hash().startsWith(TAG + "-");
        } catch (SegmentParseException e) {
            return false;
        }
    }

    private static final java.util.regex.Pattern ATOMIC_TEMP =
            java.util.regex.Pattern.compile(".+\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.temp");

    /** Whether {@code name} is an {@code AtomicFiles} temp ({@code NAME.UUID.temp}). Pure. */
    static boolean isAtomicTemp(String name) {
        return ATOMIC_TEMP.matcher(name).matches();
    }

    /** Removes our stale temps among {@code names} (a listing of {@code hourDir}); returns how many. Blocking. */
    static int sweep(Path hourDir, Collection<String> names, Instant now, Duration maxAge) {
        int removed = 0;
        for (String name : names) {
            if ((isOurs(name) || isAtomicTemp(name)) && removeIfOlder(hourDir.resolve(name), now, maxAge)) {
                removed++;
            }
        }
        if (removed > 0) {
            log.info(
                    "{}: removed {} temp files left by an earlier backfiller (older than {} s)",
                    hourDir,
                    removed,
                    maxAge.toSeconds());
        }
        return removed;
    }

    /** Sweeps every hour directory of each channel × quality under {@code baseDir}; returns how many went. Blocking. */
    public static int sweepAll(
            Path baseDir, List<String> channels, List<String> qualities, Instant now, Duration maxAge) {
        int removed = 0;
        InsideBase inside = new InsideBase(baseDir);
        for (String channel : channels) {
            for (String quality : qualities) {
                try {
                    Path qualityDir = baseDir.resolve(channel).resolve(quality);
                    for (String hour : SegmentListing.hours(qualityDir, inside)) {
                        Path hourDir = qualityDir.resolve(hour);
                        removed += sweep(hourDir, SegmentListing.names(hourDir), now, maxAge);
                    }
                } catch (IOException e) {
                    log.warn("cannot list {}/{} to remove stale temp files: {}", channel, quality, e.toString());
                }
            }
        }
        return removed;
    }

    /** Removes stale {@code AtomicFiles} temps anywhere under each extras directory; returns how many. Blocking. */
    public static int sweepExtras(Path baseDir, List<String> dirs, Instant now, Duration maxAge) {
        int removed = 0;
        for (String dir : dirs) {
            Path root = baseDir.resolve(dir);
            if (!Files.isDirectory(root)) {
                continue;
            }
            List<Path> candidates;
            try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
                candidates = walk.filter(p -> isAtomicTemp(p.getFileName().toString()))
                        .toList();
            } catch (IOException | java.io.UncheckedIOException e) {
                log.warn("cannot walk {} to remove stale temp files: {}", root, e.toString());
                continue;
            }
            for (Path file : candidates) {
                if (removeIfOlder(file, now, maxAge)) {
                    removed++;
                }
            }
        }
        if (removed > 0) {
            log.info("removed {} temp files left in extras directories (older than {} s)", removed, maxAge.toSeconds());
        }
        return removed;
    }

    private static boolean removeIfOlder(Path file, Instant now, Duration maxAge) {
        try {
            Instant modified = Files.getLastModifiedTime(file).toInstant();
            if (Duration.between(modified, now).compareTo(maxAge) > 0) {
                return Files.deleteIfExists(file);
            }
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            log.warn("cannot remove stale temp file {}: {}", file, e.toString());
        }
        return false;
    }
}
