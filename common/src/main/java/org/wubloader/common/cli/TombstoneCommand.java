package org.wubloader.common.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.SegmentParseException;
import org.wubloader.common.segment.SegmentPath;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.storage.AtomicFiles;
import org.wubloader.common.storage.Directories;
import org.wubloader.common.storage.PathPart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wubloader tombstone PATH…} (docs/storage.md §2.3): hides segments on every node. Validates each
 * path, creates its empty {@code .tombstone} atomically, and says what it did, so nobody has to
 * hand-craft the file names.
 */
@Command(
        name = "tombstone",
        mixinStandardHelpOptions = true,
        description = {
            "Mark segments as deleted on every node: creates an empty .tombstone beside each segment.",
            "The segment stops being listed, served and backfilled; the tombstone itself is backfilled to every node.",
            "Nothing is deleted: once the tombstone has spread, delete the segment files by hand."
        })
public final class TombstoneCommand implements Callable<Integer> {
    @Option(
            names = "--base-dir",
            defaultValue = "${env:WUBLOADER_BASE_DIR:-.}",
            description = "Segment root (default: ${DEFAULT-VALUE}).")
    Path baseDir;

    @Parameters(
            arity = "1..*",
            paramLabel = "PATH",
            description = "Segment paths, CHANNEL/QUALITY/HOUR/NAME.ts relative to the base dir, or absolute.")
    List<String> paths;

    @Spec
    CommandSpec spec;

    /** What happened to one path. */
    public record Outcome(boolean ok, String message) {}

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int failures = 0;
        for (String path : paths) {
            Outcome outcome = tombstone(baseDir, path);
            (outcome.ok() ? out : err).println(outcome.message());
            failures += outcome.ok() ? 0 : 1;
        }
        out.flush();
        err.flush();
        return failures == 0 ? 0 : 1;
    }

    /** Validates {@code path} and creates its tombstone; never throws for bad input. */
    public static Outcome tombstone(Path baseDir, String path) {
        if (path.indexOf('\0') >= 0) {
            return new Outcome(false, "refused " + path + ": contains a NUL byte");
        }
        try {
            Path base = baseDir.toRealPath();
            Path given = Path.of(path);
            Path file = (given.isAbsolute() ? given : base.resolve(given)).normalize();
            if (!file.startsWith(base) || base.relativize(file).getNameCount() != 4) {
                return new Outcome(
                        false, "refused " + path + ": not CHANNEL/QUALITY/HOUR/NAME.ts inside the base dir " + base);
            }
            Path relative = base.relativize(file);
            for (Path part : relative) {
                PathPart.Problem problem = PathPart.problem(part.toString());
                if (problem != null) {
                    return new Outcome(false, "refused " + path + ": path part '" + part + "' " + problem.reason());
                }
            }
            Segment segment = SegmentPath.parse(relative.toString());
            if (segment.type() == SegmentType.TEMP) {
                return new Outcome(
                        false, "refused " + path + ": temp segments are never served or backfilled; nothing to hide");
            }
            Path hourDir = file.getParent();
            Directories.ensure(hourDir);
            if (!hourDir.toRealPath().startsWith(base)) {
                return new Outcome(
                        false, "refused " + path + ": its directory resolves outside the base dir (symlink?)");
            }
            Path tombstone =
                    hourDir.resolve(SegmentPath.tombstoneName(file.getFileName().toString()));
            boolean present = Files.exists(file);
            boolean created = AtomicFiles.write(tombstone, new byte[0]);
            String note = present ? "" : " (the segment itself is not on this node)";
            return new Outcome(true, (created ? "tombstoned " : "already tombstoned ") + relative + note);
        } catch (SegmentParseException e) {
            return new Outcome(false, "refused " + path + ": " + e.reason());
        } catch (IOException | RuntimeException e) {
            return new Outcome(false, "failed " + path + ": " + e);
        }
    }

    public static void main(String[] args) {
        CommandMain.run(new TombstoneCommand(), args);
    }
}
