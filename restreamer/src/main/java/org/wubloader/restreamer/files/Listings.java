package org.wubloader.restreamer.files;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import org.wubloader.common.storage.SegmentListing;

/**
 * The listing endpoints (docs/api.md §4.2). Every listing goes through common's {@link SegmentListing}
 * (hidden names never returned, sorted, missing directory = empty). Blocking: call on a worker.
 */
public final class Listings {
    private final SafeResolver resolver;

    public Listings(SafeResolver resolver) {
        this.resolver = resolver;
    }

    /** Channels, qualities or hours: the subdirectories of {@code base/parts…}. */
    public List<String> directories(List<String> parts) throws IOException {
        Path dir = resolver.resolveExisting(parts);
        return dir == null ? List.of() : SegmentListing.directories(dir, resolver.rule());
    }

    /** An hour's segment names (tombstoned ones hidden), its .json files, and tombstones if asked. */
    public List<String> hour(List<String> parts, boolean tombstones) throws IOException {
        Path dir = resolver.resolveExisting(parts);
        if (dir == null) {
            return List.of();
        }
        EnumSet<SegmentListing.Include> include = EnumSet.of(SegmentListing.Include.JSON);
        if (tombstones) {
            include.add(SegmentListing.Include.TOMBSTONES);
        }
        return SegmentListing.hour(dir, include, resolver.rule());
    }

    /**
     * Every file under {@code base/parts…}, recursively, relative to it, sorted. Hidden files and
     * directories are skipped; symlinks are listed only if they lead to a file inside the base
     * directory (they are never followed into directories, so a loop cannot hang the walk).
     */
    public List<String> extras(List<String> parts) throws IOException {
        Path root = resolver.resolveExisting(parts);
        if (root == null || !Files.isDirectory(root)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!hidden(file) && (attrs.isRegularFile() || (attrs.isSymbolicLink() && safeLinkToFile(file)))) {
                    out.add(root.relativize(file).toString());
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // vanished or unreadable: not listed
            }
        });
        Collections.sort(out);
        return out;
    }

    /** A link is listed only if the one path rule ({@code InsideBase}) lets it be opened as a file. */
    private boolean safeLinkToFile(Path link) {
        return resolver.rule().usableFileSize(link) >= 0;
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }
}
