package org.wubloader.common.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.storage.SegmentListing.Include;
import org.wubloader.common.testing.SegmentTree;

class SegmentListingTest {
    static final long HOUR = SegmentTree.at("2019-11-13T02:00:00");

    @Test
    void tombstonedSegmentIsNotListed(@TempDir Path base) throws IOException {
        SegmentTree tree = new SegmentTree(base);
        Path kept = tree.full("c", "q", HOUR, 2.0);
        Path hidden = tree.full("c", "q", HOUR + 2_000_000, 2.0);
        Path tombstone = tree.tombstone(hidden);
        Path hourDir = kept.getParent();

        assertThat(SegmentListing.hour(hourDir, EnumSet.noneOf(Include.class))).containsExactly(name(kept));
        assertThat(SegmentListing.hour(hourDir, EnumSet.of(Include.TOMBSTONES)))
                .containsExactly(name(kept), name(tombstone));
    }

    @Test
    void jsonFilesAreListedOnlyWhenAskedFor(@TempDir Path base) throws IOException {
        SegmentTree tree = new SegmentTree(base);
        Path segment = tree.full("c", "q", HOUR, 2.0);
        Files.writeString(segment.resolveSibling("chat-batch.json"), "[]");
        Files.writeString(segment.resolveSibling("notes.txt"), "x");
        assertThat(SegmentListing.hour(segment.getParent(), EnumSet.noneOf(Include.class)))
                .containsExactly(name(segment));
        assertThat(SegmentListing.hour(segment.getParent(), EnumSet.of(Include.TOMBSTONES, Include.JSON)))
                .containsExactly(name(segment), "chat-batch.json");
    }

    @Test
    void hiddenNamesAreNeverListed(@TempDir Path base) throws IOException {
        SegmentTree tree = new SegmentTree(base);
        Path segment = tree.full("c", "q", HOUR, 2.0);
        Files.writeString(segment.resolveSibling(".00:00.000000-2.0-full-hidden.ts"), "x");
        Files.createDirectories(base.resolve(".git"));
        Files.createDirectories(base.resolve("c/.trash"));
        assertThat(SegmentListing.hour(segment.getParent(), EnumSet.allOf(Include.class)))
                .containsExactly(name(segment));
        assertThat(SegmentListing.channels(base)).containsExactly("c");
        assertThat(SegmentListing.qualities(base, "c")).containsExactly("q");
    }

    @Test
    void missingDirectoriesAreEmpty(@TempDir Path base) throws IOException {
        assertThat(SegmentListing.channels(base.resolve("nope"))).isEmpty();
        assertThat(SegmentListing.hours(base.resolve("c/q"), new InsideBase(base)))
                .isEmpty();
        assertThat(SegmentListing.hour(base.resolve("c/q/2019-11-13T02"), EnumSet.allOf(Include.class)))
                .isEmpty();
    }

    @Test
    void listingsAreSortedAndOnlyDirectoriesCountAsChannelsQualitiesAndHours(@TempDir Path base) throws IOException {
        SegmentTree tree = new SegmentTree(base);
        tree.full("zeta", "source", HOUR, 2.0);
        tree.full("alpha", "720p", HOUR + 3_600_000_000L, 2.0);
        tree.full("alpha", "720p", HOUR, 2.0);
        tree.full("alpha", "160p", HOUR, 2.0);
        Files.writeString(base.resolve("stray-file"), "x");
        assertThat(SegmentListing.channels(base)).containsExactly("alpha", "zeta");
        assertThat(SegmentListing.qualities(base, "alpha")).containsExactly("160p", "720p");
        Files.writeString(base.resolve("alpha/720p/2019-11-13T04"), "a file named like an hour");
        Files.createDirectories(base.resolve("alpha/720p/not-an-hour"));
        InsideBase inside = new InsideBase(base);
        assertThat(SegmentListing.hours(base.resolve("alpha/720p"), inside))
                .containsExactly("2019-11-13T02", "2019-11-13T03");
        long t03 = HOUR + 3_600_000_000L;
        assertThat(SegmentListing.hours(base.resolve("alpha/720p"), inside, t03, t03))
                .containsExactly("2019-11-13T03");
    }

    static String name(Path p) {
        return p.getFileName().toString();
    }
}
