package org.wubloader.common.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.segment.Hole;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.segment.Span;
import org.wubloader.common.testing.SegmentTree;

class SegmentStoreTest {
    static final long HOUR = SegmentTree.at("2019-11-13T02:00:00");
    static final long S = 1_000_000L;

    @Test
    void bestSegmentsReadsAcrossHours(@TempDir Path base) throws Exception {
        SegmentTree tree = new SegmentTree(base);
        tree.run("c", "q", HOUR + 3590 * S, 10, 2.0, 64); // 02:59:50 .. 03:00:10
        SegmentStore store = new SegmentStore(base);
        List<Span> result = store.bestSegments("c", "q", HOUR + 3595 * S, HOUR + 3605 * S, false);
        assertThat(result).hasSize(6).allMatch(s -> s instanceof Segment);
        assertThat(((Segment) result.get(0)).startMicros()).isEqualTo(HOUR + 3594 * S);
        assertThat(((Segment) result.get(5)).endMicros()).isEqualTo(HOUR + 3606 * S);
    }

    @Test
    void aTombstoneAddedTakesEffectOnTheNextCall(@TempDir Path base) throws Exception {
        SegmentTree tree = new SegmentTree(base);
        List<Path> run = tree.run("c", "q", HOUR, 3, 2.0, 64);
        SegmentStore store = new SegmentStore(base);
        assertThat(store.bestSegments("c", "q", HOUR, HOUR + 6 * S, true)).hasSize(3);
        tree.tombstone(run.get(1));
        List<Span> after = store.bestSegments("c", "q", HOUR, HOUR + 6 * S, true);
        assertThat(after).hasSize(3).element(1).isEqualTo(Hole.INSTANCE);
    }

    @Test
    void aTombstoneAddedToAnOldCachedHourTakesEffect(@TempDir Path base) throws Exception {
        SegmentTree tree = new SegmentTree(base);
        List<Path> run = tree.run("c", "q", HOUR, 3, 2.0, 64);
        Path hourDir = run.get(0).getParent();
        age(hourDir);
        SegmentStore store = new SegmentStore(base);
        store.bestSegments("c", "q", HOUR, HOUR + 6 * S, true);
        long listed = store.cache().listings();
        store.bestSegments("c", "q", HOUR, HOUR + 6 * S, true);
        assertThat(store.cache().listings())
                .as("an unchanged old hour is served from the cache")
                .isEqualTo(listed);

        tree.tombstone(run.get(2));
        List<Span> after = store.bestSegments("c", "q", HOUR, HOUR + 6 * S, true);
        assertThat(after).containsExactly(segmentAt(store, run.get(0)), segmentAt(store, run.get(1)), Hole.INSTANCE);
    }

    @Test
    void aRemovedSegmentIsNeverServedFromTheCache(@TempDir Path base) throws Exception {
        SegmentTree tree = new SegmentTree(base);
        List<Path> run = tree.run("c", "q", HOUR, 3, 2.0, 64);
        age(run.get(0).getParent());
        SegmentStore store = new SegmentStore(base);
        store.bestSegments("c", "q", HOUR, HOUR + 6 * S, true);
        Files.delete(run.get(1));
        assertThat(store.bestSegments("c", "q", HOUR, HOUR + 6 * S, true))
                .element(1)
                .isEqualTo(Hole.INSTANCE);
    }

    @Test
    void aDirectoryChangedWithinTheRacyWindowIsListedAgain(@TempDir Path base) throws Exception {
        SegmentTree tree = new SegmentTree(base);
        tree.run("c", "q", HOUR, 2, 2.0, 64);
        SegmentStore store = new SegmentStore(base);
        store.bestSegments("c", "q", HOUR, HOUR + 4 * S, true);
        long listed = store.cache().listings();
        store.bestSegments("c", "q", HOUR, HOUR + 4 * S, true);
        assertThat(store.cache().listings())
                .as("a just-modified hour is not trusted yet")
                .isGreaterThan(listed);
    }

    @Test
    void duplicatesAreResolvedBySizeWhenOtherwiseEqual(@TempDir Path base) throws Exception {
        SegmentTree tree = new SegmentTree(base);
        tree.segment("c", "q", HOUR, 2.0, SegmentType.FULL, 10);
        Path bigger = tree.segment("c", "q", HOUR, 2.0, SegmentType.FULL, 20);
        tree.segment("c", "q", HOUR, 2.0, SegmentType.PARTIAL, 500);
        tree.write("c", "q", HOUR, 2.0, SegmentType.TEMP, new byte[900]);
        SegmentStore store = new SegmentStore(base);
        List<Span> result = store.bestSegments("c", "q", HOUR, HOUR + 2 * S, false);
        assertThat(result).hasSize(1);
        assertThat(((Segment) result.get(0)).path()).isEqualTo(bigger.toString());
    }

    @Test
    void unparseableNamesAreSkippedNotFatal(@TempDir Path base) throws Exception {
        SegmentTree tree = new SegmentTree(base);
        Path good = tree.full("c", "q", HOUR, 2.0);
        Files.writeString(good.resolveSibling("garbage.ts"), "x");
        Files.writeString(good.resolveSibling("00:02.000000-2.0-weird-AAAA.ts"), "x");
        SegmentStore store = new SegmentStore(base);
        assertThat(store.bestSegments("c", "q", HOUR, HOUR + 2 * S, false)).hasSize(1);
    }

    static void age(Path dir) throws IOException {
        Files.setLastModifiedTime(dir, FileTime.from(Instant.now().minusSeconds(3600)));
    }

    static Segment segmentAt(SegmentStore store, Path file) {
        return org.wubloader.common.segment.SegmentPath.parseInHour(
                "c", "q", HOUR, file.getFileName().toString(), file.toString());
    }
}
