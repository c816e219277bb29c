package org.wubloader.backfiller.cleanup;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.backfiller.BackfillMetrics;
import org.wubloader.common.storage.SegmentListing;

/**
 * {@code --delete-old} (docs/backfill.md §5.2): deletes segment files in hours before the start, then each
 * hour directory left empty. Tombstones stay (and so does their hour directory), so a late
 * backfill from a peer that still has the segment cannot bring it back.
 */
public final class OldHourCleaner {
    private static final Logger log = LoggerFactory.getLogger(OldHourCleaner.class);

    private final Path baseDir;
    private final List<String> channels;
    private final List<String> qualities;
    private final BackfillMetrics metrics;

    public OldHourCleaner(Path baseDir, List<String> channels, List<String> qualities, BackfillMetrics metrics) {
        this.baseDir = baseDir;
        this.channels = List.copyOf(channels);
        this.qualities = List.copyOf(qualities);
        this.metrics = metrics;
    }

    /** One cleaning round; returns the number of segments deleted. Blocking file I/O. */
    public int clean(long cutoffHourMicros) throws IOException {
        int total = 0;
        for (String channel : channels) {
            for (String quality : qualities) {
                Path qualityDir = baseDir.resolve(channel).resolve(quality);
                for (String hour : OldHours.oldHours(SegmentListing.directories(qualityDir), cutoffHourMicros)) {
                    total += cleanHour(channel, quality, hour, qualityDir.resolve(hour));
                }
            }
        }
        return total;
    }

    private int cleanHour(String channel, String quality, String hour, Path hourDir) throws IOException {
        int deleted = 0;
        for (String name : SegmentListing.names(hourDir)) {
            if (OldHours.isDeletable(name)) {
                try {
                    Files.delete(hourDir.resolve(name));
                    deleted++;
                } catch (NoSuchFileException e) {
                    // Someone else removed it: the goal is met.
                }
            }
        }
        if (deleted > 0) {
            metrics.segmentsDeleted(channel, quality, hour, deleted);
            log.info("Deleted {} old segments of {}/{}/{}", deleted, channel, quality, hour);
        }
        try {
            Files.delete(hourDir);
            log.info("Removed empty old hour {}/{}/{}", channel, quality, hour);
        } catch (DirectoryNotEmptyException | NoSuchFileException e) {
            // Tombstones (or anything else) remain: the hour stays.
        }
        return deleted;
    }
}
