package org.wubloader.common.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The one rule for which paths of a tree may be opened (docs/api.md §4.1): a path is usable only if its
 * real path (every symlink followed) lies inside the base directory's real path. Every place that
 * lists or opens files of the tree applies it, so nothing is listed that would be refused when
 * served: the campaign of issue 11 found a segment-named symlink to {@code /etc/shadow} returned
 * by rough cuts, and a quality directory linked to {@code /etc} offered in master playlists.
 *
 * <p>Links that stay inside the tree are fine (an operator may link one hour to another disk
 * mounted under the base directory). Blocking: call on a worker thread.
 */
public final class InsideBase {
    private final Path base;
    private volatile Path realBase;

    public InsideBase(Path base) {
        this.base = base.toAbsolutePath().normalize();
    }

    public Path base() {
        return base;
    }

    /** Thrown when a path resolves to somewhere outside the base directory. */
    public static final class OutsideException extends IOException {
        private static final long serialVersionUID = 1L;

        OutsideException(Path path) {
            super(path + " leads outside the base directory");
        }
    }

    /**
     * The real path of {@code path}, or null if it does not exist.
     *
     * @throws OutsideException if it resolves outside the base directory
     */
    public Path realPath(Path path) throws IOException {
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException | NotDirectoryException e) {
            return null;
        }
        if (!contains(real)) {
            throw new OutsideException(path);
        }
        return real;
    }

    /** True if {@code real} (already a real path) lies inside the base directory. */
    public boolean contains(Path real) throws IOException {
        Path root = realBase();
        return root != null && real.startsWith(root);
    }

    /**
     * True if {@code path} exists and may be opened: the cheap check for listings. One
     * {@code lstat}; only a symlink costs a full resolution. A path that is not a link is inside
     * whenever its directory is, which the caller has checked.
     */
    public boolean usable(Path path) {
        try {
            BasicFileAttributes attrs =
                    Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return !attrs.isSymbolicLink() || realPath(path) != null;
        } catch (IOException e) {
            return false; // vanished, unreadable or outside: not listed
        }
    }

    /**
     * The size of the regular file at {@code path} if it may be opened, else -1 (missing, not a
     * regular file, or a link leading outside). The hour index's per-entry check.
     */
    public long usableFileSize(Path path) {
        try {
            BasicFileAttributes attrs =
                    Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attrs.isSymbolicLink()) {
                Path real = realPath(path);
                if (real == null) {
                    return -1;
                }
                attrs = Files.readAttributes(real, BasicFileAttributes.class);
            }
            return attrs.isRegularFile() ? attrs.size() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private Path realBase() throws IOException {
        Path known = realBase;
        if (known == null) {
            try {
                known = base.toRealPath();
            } catch (NoSuchFileException e) {
                return null;
            }
            realBase = known;
        }
        return known;
    }
}
