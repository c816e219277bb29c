package org.wubloader.downloader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.common.segment.SegmentPath;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.storage.SegmentListing;
import org.wubloader.common.time.HourNames;
import org.wubloader.common.time.Micros;

/**
 * Start-up clean-up of {@code temp} segment files left by a crash (kill -9, power loss): in
 * the hours this downloader is about to write, any temp file older than the getter give-up
 * time cannot belong to a download still running (ours or a backfiller's), so it goes.
 */
public final class StaleTemps {
    private static final Logger log = LoggerFactory.getLogger(StaleTemps.class);

    private StaleTemps() {}

    /** Whether a name is a segment temp file (by its type field). Pure. */
    static boolean isTemp(String name) {
        if (!name.endsWith(SegmentPath.EXTENSION)) {
            return false;
        }
        try {
            return SegmentPath.parse(name).type() == SegmentType.TEMP;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The hours being written around {@code now}: from the hour of {@code now − lookBack}
     * through the hour of {@code now}. Pure.
     */
    static List<String> hours(Instant now, Duration lookBack) {
        long from = HourNames.floorHour(Micros.of(now.minus(lookBack)));
        long to = HourNames.floorHour(Micros.of(now));
        List<String> out = new ArrayList<>();
        for (long hour = from; hour <= to; hour += HourNames.MICROS_PER_HOUR) {
            out.add(HourNames.format(hour));
        }
        return out;
    }

    /**
     * Removes temp files older than {@code maxAge} from the recent hours of each quality
     * directory. Blocking; returns how many were removed.
     */
    public static int remove(List<Path> qualityDirs, Instant now, Duration maxAge) {
        int removed = 0;
        // The previous hour too: a crash just after the hour turned leaves its temps there.
        List<String> hours = hours(now, maxAge.plusHours(1));
        for (Path qualityDir : qualityDirs) {
            for (String hour : hours) {
                Path hourDir = qualityDir.resolve(hour);
                List<String> names;
                try {
                    names = SegmentListing.names(hourDir);
                } catch (IOException e) {
                    log.warn("cannot list {} to remove stale temp files: {}", hourDir, e.toString());
                    continue;
                }
                for (String name : names) {
                    if (isTemp(name) && removeIfOlder(hourDir.resolve(name), now, maxAge)) {
                        removed++;
                    }
                }
            }
        }
        if (removed > 0) {
            log.info("removed {} stale temp files (older than {})", removed, maxAge);
        }
        return removed;
    }

    private static boolean removeIfOlder(Path file, Instant now, Duration maxAge) {
        try {
            Instant modified = Files.getLastModifiedTime(file).toInstant();
            if (Duration.between(modified, now).compareTo(maxAge) > 0) {
                Files.deleteIfExists(file);
                return true;
            }
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            log.warn("cannot remove stale temp file {}: {}", file, e.toString());
        }
        return false;
    }
}
