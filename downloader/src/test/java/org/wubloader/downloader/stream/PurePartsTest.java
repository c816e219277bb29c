package org.wubloader.downloader.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.testing.SegmentTree;

class PurePartsTest {
    private static final Duration THRESHOLD = Duration.ofSeconds(59);

    @Test
    void completeSegmentIsFullUnlessDoubtful() {
        assertThat(SaveDecision.complete(false, Duration.ofSeconds(1), THRESHOLD, 100))
                .isEqualTo(SegmentType.FULL);
        assertThat(SaveDecision.complete(true, Duration.ofSeconds(1), THRESHOLD, 100))
                .isEqualTo(SegmentType.SUSPECT);
        assertThat(SaveDecision.complete(false, Duration.ofSeconds(59), THRESHOLD, 100))
                .isEqualTo(SegmentType.SUSPECT);
        assertThat(SaveDecision.complete(false, Duration.ofMillis(58_999), THRESHOLD, 100))
                .isEqualTo(SegmentType.FULL);
        assertThat(SaveDecision.complete(false, Duration.ofSeconds(1), THRESHOLD, 0))
                .isEqualTo(SegmentType.SUSPECT);
    }

    @Test
    void brokenBodyIsKeptAsPartialOnlyIfSomeOfItArrived() {
        assertThat(SaveDecision.keepPartial(1)).isTrue();
        assertThat(SaveDecision.keepPartial(0)).isFalse();
    }

    @Test
    void fullCopyPrefixMatchesTheNameWrittenForTheSegment() {
        long start = SegmentTree.at("2019-11-13T02:45:51.608");
        assertThat(FullCopy.prefix(start, 2.0)).isEqualTo("45:51.608000-2.0-full-");
        assertThat(FullCopy.prefix(start, 2.002)).isEqualTo("45:51.608000-2.002-full-");
    }

    @Test
    void onlyAFullCopyCountsAndTombstonesDoNot() {
        String prefix = "45:51.608000-2.0-full-";
        String full = prefix + "7IS92rssMzoSBQDIevHStbTNy-URRV3Vw-jzZ6pwOZM.ts";
        assertThat(FullCopy.exists(List.of(full), prefix)).isTrue();
        assertThat(FullCopy.exists(
                        List.of(
                                "45:51.608000-2.0-suspect-7IS92rssMzoSBQDIevHStbTNy-URRV3Vw-jzZ6pwOZM.ts",
                                "45:51.608000-2.0-partial-x.ts",
                                "45:51.608000-2.0-temp-1234.ts"),
                        prefix))
                .isFalse();
        assertThat(FullCopy.exists(List.of(prefix + "abc.tombstone"), prefix)).isFalse();
        assertThat(FullCopy.exists(List.of("45:51.608000-2.002-full-abc.ts"), prefix))
                .isFalse();
        assertThat(FullCopy.exists(List.of(), prefix)).isFalse();
    }

    @Test
    void historyKeepsTheLastNNewestFirst() {
        PlaylistHistory history = new PlaylistHistory(2);
        history.add(Instant.parse("2019-11-13T02:00:00Z"), "a");
        history.add(Instant.parse("2019-11-13T02:00:02Z"), "b");
        history.add(Instant.parse("2019-11-13T02:00:04Z"), "c");
        assertThat(history.snapshot()).extracting(PlaylistHistory.Entry::text).containsExactly("c", "b");
        PlaylistHistory off = new PlaylistHistory(0);
        off.add(Instant.now(), "x");
        assertThat(off.snapshot()).isEmpty();
        assertThat(off.enabled()).isFalse();
    }

    @Test
    void historyIsWrittenBesideTheSegmentPath(@TempDir Path base) throws Exception {
        List<PlaylistHistory.Entry> entries = List.of(
                new PlaylistHistory.Entry(Instant.parse("2019-11-13T02:45:53.5Z"), "newest"),
                new PlaylistHistory.Entry(Instant.parse("2019-11-13T02:45:51Z"), "older"));
        String segment = "db/source/2019-11-13T02/45:51.608000-2.0-full-abc.ts";
        List<Path> written = PlaylistHistory.write(base, segment, entries);
        Path dir = base.resolve("playlist-debug").resolve(segment);
        assertThat(written)
                .containsExactly(
                        dir.resolve("0_2019-11-13T02:45:53.500000"), dir.resolve("1_2019-11-13T02:45:51.000000"));
        assertThat(Files.readString(written.get(0), StandardCharsets.UTF_8)).isEqualTo("newest");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".temp"));
        }
    }
}
