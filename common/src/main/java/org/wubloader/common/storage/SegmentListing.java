package org.wubloader.common.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.wubloader.common.segment.SegmentPath;
import org.wubloader.common.time.HourNames;

/**
 * Where directories are listed (docs/best-segments.md §3.3). Every listing goes through {@link #names}: hidden
 * names (leading {@code .}) are never returned, a missing directory is empty, and results are
 * sorted so every node answers the same (the original returned directory order).
 */
public final class SegmentListing {
    /** What an hour listing returns besides live segment files. */
    public enum Include {
        /** The {@code .tombstone} names themselves (for backfilling them). */
        TOMBSTONES,
        /** {@code .json} files (chat batches other tools keep in the same tree). */
        JSON
    }

    private SegmentListing() {}

    /** Non-hidden names in {@code dir}, sorted; a missing directory is empty. */
    public static List<String> names(Path dir) throws IOException {
        List<String> out = unsortedNames(dir);
        Collections.sort(out);
        return out;
    }

    /**
     * {@link #names} without the sort, for callers that order entries themselves. Uses
     * {@code File.list()}, which hands back names as strings straight from readdir: a
     * {@code DirectoryStream} allocates a Path per entry, a third of the cost of a cold 24 h
     * best-segments query.
     */
    public static List<String> unsortedNames(Path dir) throws IOException {
        String[] raw = dir.toFile().list();
        if (raw == null) {
            if (!Files.exists(dir) || !Files.isDirectory(dir)) {
                return new ArrayList<>();
            }
            // Missing at the first look, there at the second: another worker (or the downloader)
            // made the hour in between. Look again before calling it an error (a backfiller's
            // pass once failed here with "cannot list directory" while another peer's worker
            // created that hour).
            raw = dir.toFile().list();
            if (raw == null) {
                throw new IOException("cannot list directory " + dir);
            }
        }
        List<String> out = new ArrayList<>(raw.length);
        for (String name : raw) {
            if (!name.startsWith(".")) {
                out.add(name);
            }
        }
        return out;
    }

    /** Non-hidden subdirectory names of {@code dir}, sorted. */
    public static List<String> directories(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        for (String name : names(dir)) {
            if (Files.isDirectory(dir.resolve(name))) {
                out.add(name);
            }
        }
        return out;
    }

    /**
     * {@link #directories} without what {@code inside} refuses: a subdirectory that is a link
     * leading out of the tree is never listed, since it would never be served.
     */
    public static List<String> directories(Path dir, InsideBase inside) throws IOException {
        List<String> out = new ArrayList<>();
        for (String name : names(dir)) {
            Path path = dir.resolve(name);
            if (inside.usable(path) && Files.isDirectory(path)) {
                out.add(name);
            }
        }
        return out;
    }

    /** {@link #hour} without the names that {@code inside} refuses (links leading out of the tree). */
    public static List<String> hour(Path hourDir, Set<Include> include, InsideBase inside) throws IOException {
        List<String> usable = new ArrayList<>();
        for (String name : names(hourDir)) {
            if (inside.usable(hourDir.resolve(name))) {
                usable.add(name);
            }
        }
        return filterHour(usable, include);
    }

    /**
     * The {@code .ts} names of an hour that no {@code .tombstone} hides, plus what
     * {@code include} asks for, sorted.
     */
    public static List<String> hour(Path hourDir, Set<Include> include) throws IOException {
        return filterHour(names(hourDir), include);
    }

    /** {@link #hour}'s filtering applied to a listing already made. */
    public static List<String> filterHour(List<String> names, Set<Include> include) {
        Set<String> hidden = new HashSet<>();
        for (String name : names) {
            if (name.endsWith(SegmentPath.TOMBSTONE_EXTENSION)) {
                hidden.add(SegmentPath.segmentNameOfTombstone(name));
            }
        }
        List<String> out = new ArrayList<>(names.size());
        for (String name : names) {
            if (name.endsWith(SegmentPath.EXTENSION)) {
                if (!hidden.contains(name)) {
                    out.add(name);
                }
            } else if (name.endsWith(SegmentPath.TOMBSTONE_EXTENSION)) {
                if (include.contains(Include.TOMBSTONES)) {
                    out.add(name);
                }
            } else if (name.endsWith(".json") && include.contains(Include.JSON)) {
                out.add(name);
            }
        }
        return out;
    }

    public static List<String> channels(Path baseDir) throws IOException {
        return directories(baseDir);
    }

    public static List<String> qualities(Path baseDir, String channel) throws IOException {
        return directories(baseDir.resolve(channel));
    }

    /**
     * The hour directories of a quality, sorted (so oldest first): names that are hours
     * ({@code YYYY-MM-DDTHH}), are directories, and that {@code inside} lets be opened (an hour
     * linked out of the tree is never listed, since it would never be served). The one listing of
     * hours for the store, playlists, cuts and sweeps.
     */
    public static List<String> hours(Path qualityDir, InsideBase inside) throws IOException {
        return hours(qualityDir, inside, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * {@link #hours(Path, InsideBase)} restricted to hours starting in
     * {@code [firstHourMicros, lastHourMicros]}: the names are parsed before anything is stat'ed, so
     * a best-segments query over a long campaign looks at the disk only for the hours it reads.
     */
    public static List<String> hours(Path qualityDir, InsideBase inside, long firstHourMicros, long lastHourMicros)
            throws IOException {
        List<String> out = new ArrayList<>();
        for (String name : names(qualityDir)) {
            long hourStart = HourNames.parseOrError(name, 0, name.length());
            if (hourStart == Long.MIN_VALUE || hourStart < firstHourMicros || hourStart > lastHourMicros) {
                continue;
            }
            Path hourDir = qualityDir.resolve(name);
            if (inside.usable(hourDir) && Files.isDirectory(hourDir)) {
                out.add(name);
            }
        }
        return out;
    }
}
