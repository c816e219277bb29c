package org.wubloader.backfiller.worker;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.wubloader.common.storage.PathPart;

/** Which extra files to mirror from a peer ({@code --extras}), decided without I/O. */
public record ExtrasPlan(List<String> downloads, List<String> rejected) {
    public ExtrasPlan {
        downloads = List.copyOf(downloads);
        rejected = List.copyOf(rejected);
    }

    /**
     * Missing = the peer's paths minus ours. Paths that could leave the directory or that name
     * hidden files are rejected (a peer is not trusted with our file system); temp files
     * ({@code NAME.UUID.temp}) are ignored as being written right now.
     */
    public static ExtrasPlan plan(Collection<String> remotePaths, Collection<String> localPaths) {
        Set<String> local = new HashSet<>(localPaths);
        List<String> downloads = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (String path : new LinkedHashSet<>(remotePaths)) {
            if (local.contains(path)) {
                continue;
            }
            if (!PathPart.isSafeRelative(path)) {
                rejected.add(path);
            } else if (!path.endsWith(".temp")) {
                downloads.add(path);
            }
        }
        return new ExtrasPlan(downloads, rejected);
    }

    /**
     * A path refused only for a hidden part ({@code .DS_Store}, {@code sub/.cache/x}): it stays
     * inside the directory, so it is no attack, just a file the original's /extras lists.
     */
    public static boolean isHiddenButContained(String path) {
        if (path == null || path.isEmpty() || path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) {
            return false;
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return false;
            }
        }
        return !PathPart.isSafeRelative(path);
    }
}
