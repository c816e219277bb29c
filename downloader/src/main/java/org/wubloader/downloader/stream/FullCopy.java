package org.wubloader.downloader.stream;

import java.util.List;
import org.wubloader.common.segment.SegmentPath;
import org.wubloader.common.segment.SegmentType;

/**
 * Whether a {@code full} copy of a segment is already on disk (docs/downloader.md §6 "Exists check"): a
 * name in the hour directory starting {@code TIME-DURATION-full-} and not a tombstone. Only
 * {@code full} counts, so suspect and partial copies are retried. Bare names are compared;
 * the original compared against full paths and never matched. Pure.
 */
public final class FullCopy {
    private FullCopy() {}

    /** {@code MM:SS.ffffff-DURATION-full-}, the start of every full copy's name. */
    public static String prefix(long startMicros, double duration) {
        String name = SegmentPath.fileName(startMicros, duration, SegmentType.FULL, "");
        return name.substring(0, name.length() - SegmentPath.EXTENSION.length());
    }

    /** @param names the hour directory's file names */
    public static boolean exists(List<String> names, String prefix) {
        for (String name : names) {
            if (name.startsWith(prefix) && !name.endsWith(SegmentPath.TOMBSTONE_EXTENSION)) {
                return true;
            }
        }
        return false;
    }
}
