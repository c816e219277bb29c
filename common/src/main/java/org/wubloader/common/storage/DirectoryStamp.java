package org.wubloader.common.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * What a directory looked like when it was listed, so that a later look can tell whether a
 * listing is still good without listing again: adding, removing or renaming an entry changes
 * the directory's mtime.
 *
 * <p>Directory mtimes are only as fine as the kernel's coarse clock, so two changes within one
 * tick can leave the mtime unchanged. A stamp is therefore {@link #trusted} only if the mtime was
 * at least {@link #RACY_MILLIS} older than the moment of the listing (git's "racily clean" rule);
 * a live directory, modified every couple of seconds, is simply listed again.
 *
 * @param trusted the mtime was old enough at listing time for a later equal mtime to mean "unchanged"
 */
public record DirectoryStamp(FileTime mtime, Object fileKey, boolean trusted) {
    public static final long RACY_MILLIS = 1_000;

    /**
     * Stats {@code dir} just before listing it; null if it does not exist. Take the stamp
     * <em>before</em> the listing, so a change made during the listing makes the stamp stale.
     */
    public static DirectoryStamp beforeListing(Path dir) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(dir, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        }
        long listedAt = System.currentTimeMillis();
        return new DirectoryStamp(
                attrs.lastModifiedTime(),
                attrs.fileKey(),
                attrs.lastModifiedTime().toMillis() < listedAt - RACY_MILLIS);
    }

    /** True if a listing taken with this stamp still holds for a directory now stamped {@code now}. */
    public boolean stillValid(DirectoryStamp now) {
        return trusted && now != null && mtime.equals(now.mtime) && Objects.equals(fileKey, now.fileKey);
    }
}
