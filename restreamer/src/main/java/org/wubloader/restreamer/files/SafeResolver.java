package org.wubloader.restreamer.files;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import org.wubloader.restreamer.http.HttpError;

/**
 * Turns checked path parts into real paths that are guaranteed to lie inside the base directory.
 *
 * <p>The parts were already refused if hidden, {@code ..}, or carrying a slash or NUL
 * ({@code http.PathParts}); what remains is the symlink: a link inside the tree may point
 * anywhere. So every path is resolved to its real path (all links followed) and compared with the
 * base directory's real path. Blocking: call on a worker thread.
 */
public final class SafeResolver {
    private final Path base;
    private volatile Path realBase;

    public SafeResolver(Path base) {
        this.base = base.toAbsolutePath().normalize();
    }

    public Path base() {
        return base;
    }

    /**
     * The real path of {@code base/parts…}, or null if it does not exist.
     *
     * @throws HttpError 403 if it resolves to somewhere outside the base directory
     */
    public Path resolveExisting(List<String> parts) throws IOException {
        Path path = base;
        for (String part : parts) {
            path = path.resolve(part);
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException | NotDirectoryException e) {
            return null;
        }
        Path root = realBase();
        if (root == null || !real.startsWith(root)) {
            throw HttpError.forbidden("path leads outside the base directory");
        }
        return real;
    }

    /** True if {@code real} (a real path) lies inside the base directory. */
    public boolean inside(Path real) throws IOException {
        Path root = realBase();
        return root != null && real.startsWith(root);
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
