package org.wubloader.restreamer.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.wubloader.common.storage.InsideBase;
import org.wubloader.restreamer.http.HttpError;

/**
 * Turns checked path parts into real paths that are guaranteed to lie inside the base directory.
 *
 * <p>The parts were already refused if hidden, {@code ..}, or carrying a slash or NUL
 * ({@code http.PathParts}); what remains is the symlink: a link inside the tree may point
 * anywhere. The rule is common's {@link InsideBase}, the same one the segment store's listings
 * apply, so every endpoint that opens a file (files, playlists, cuts) refuses the same paths and
 * no listing offers one of them. Blocking: call on a worker thread.
 */
public final class SafeResolver {
    private final InsideBase inside;

    public SafeResolver(InsideBase inside) {
        this.inside = inside;
    }

    public SafeResolver(Path base) {
        this(new InsideBase(base));
    }

    public Path base() {
        return inside.base();
    }

    /** The rule itself, for listings. */
    public InsideBase rule() {
        return inside;
    }

    /**
     * The real path of {@code base/parts…}, or null if it does not exist.
     *
     * @throws HttpError 403 if it resolves to somewhere outside the base directory
     */
    public Path resolveExisting(List<String> parts) throws IOException {
        Path path = inside.base();
        for (String part : parts) {
            path = path.resolve(part);
        }
        try {
            return inside.realPath(path);
        } catch (InsideBase.OutsideException e) {
            throw HttpError.forbidden("path leads outside the base directory");
        }
    }

    /** True if {@code real} (a real path) lies inside the base directory. */
    public boolean inside(Path real) throws IOException {
        return inside.contains(real);
    }
}
