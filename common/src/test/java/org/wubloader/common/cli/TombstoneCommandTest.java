package org.wubloader.common.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.storage.SegmentListing;
import org.wubloader.common.testing.SegmentTree;
import picocli.CommandLine;

class TombstoneCommandTest {
    static final long HOUR = SegmentTree.at("2019-11-13T02:00:00");

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new TombstoneCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void createsTheTombstoneAndTheSegmentStopsBeingListed(@TempDir Path base) throws Exception {
        SegmentTree tree = new SegmentTree(base);
        Path segment = tree.full("desertbus", "source", HOUR, 2.0);
        Run r = run("--base-dir", base.toString(), tree.relative(segment));
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("tombstoned desertbus/source/2019-11-13T02/");
        Path tombstone = segment.resolveSibling(segment.getFileName().toString().replace(".ts", ".tombstone"));
        assertThat(tombstone).exists().isEmptyFile();
        assertThat(SegmentListing.hour(segment.getParent(), EnumSet.noneOf(SegmentListing.Include.class)))
                .isEmpty();
        assertThat(segment).exists(); // a tombstone never deletes anything by itself
    }

    @Test
    void aSecondRunReportsItIsAlreadyTombstoned(@TempDir Path base) {
        SegmentTree tree = new SegmentTree(base);
        Path segment = tree.full("c", "q", HOUR, 2.0);
        run("--base-dir", base.toString(), segment.toString());
        Run again = run("--base-dir", base.toString(), segment.toString());
        assertThat(again.exit()).isZero();
        assertThat(again.out()).startsWith("already tombstoned");
    }

    @Test
    void aSegmentNotOnThisNodeCanStillBeTombstoned(@TempDir Path base) {
        Run r = run(
                "--base-dir",
                base.toString(),
                "c/q/2019-11-13T02/00:00.000000-2.0-full-47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU.ts");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("not on this node");
        assertThat(base.resolve("c/q/2019-11-13T02")).isDirectory();
    }

    @Test
    void refusesAnythingElseWithAClearMessage(@TempDir Path base) throws Exception {
        Files.createDirectories(base.resolve("c/q/2019-11-13T02"));
        String hash = "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU";
        String[][] cases = {
            {
                "../outside/q/2019-11-13T02/00:00.000000-2.0-full-" + hash + ".ts",
                "not CHANNEL/QUALITY/HOUR/NAME.ts inside"
            },
            {"c/q/2019-11-13T02/../../../../etc/passwd", "not CHANNEL/QUALITY/HOUR/NAME.ts inside"},
            {"c/q/2019-11-13T02/notes.txt", "does not end in .ts"},
            {"c/q/2019-11-13T02/00:00.000000-2.0-temp-0b7c3a1e-5f0e-4a4e-9d55-7a0c1b2f3d4e.ts", "temp segments"},
            {"c/q/2019-11-13T02/00:00.000000-2.0-full-" + hash + ".tombstone", "does not end in .ts"},
            {"c/.q/2019-11-13T02/00:00.000000-2.0-full-" + hash + ".ts", "hidden"},
            {"c/q/2019-11-13T99/00:00.000000-2.0-full-" + hash + ".ts", "bad hour"},
            {"/etc/00:00.000000-2.0-full-" + hash + ".ts", "inside the base dir"},
        };
        for (String[] c : cases) {
            Run r = run("--base-dir", base.toString(), c[0]);
            assertThat(r.exit()).as(c[0]).isEqualTo(1);
            assertThat(r.err()).as(c[0]).contains("refused").contains(c[1]);
        }
        try (var files = Files.walk(base)) {
            assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
        }
    }

    @Test
    void refusesAHourDirectoryThatIsASymlinkOutOfTheBaseDir(@TempDir Path base, @TempDir Path elsewhere)
            throws Exception {
        Files.createDirectories(base.resolve("c/q"));
        Files.createSymbolicLink(base.resolve("c/q/2019-11-13T02"), elsewhere);
        Run r = run(
                "--base-dir",
                base.toString(),
                "c/q/2019-11-13T02/00:00.000000-2.0-full-47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU.ts");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("outside the base dir");
        try (var files = Files.list(elsewhere)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void withoutPathsItIsAUsageError() {
        assertThat(run().exit()).isEqualTo(2);
    }
}
