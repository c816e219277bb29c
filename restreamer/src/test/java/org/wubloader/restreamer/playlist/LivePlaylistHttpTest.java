package org.wubloader.restreamer.playlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.common.time.Micros;
import org.wubloader.restreamer.testing.TestServer;

/** Live playlists only grow at the end and never end (issue 14 items 1 and 2). */
class LivePlaylistHttpTest {
    private static final long T0 = SegmentTree.at("2019-11-13T02:00:00");

    @TempDir
    static Path base;

    static TestServer server;
    static SegmentTree tree;

    @BeforeAll
    static void start() {
        tree = new SegmentTree(base);
        // Exactly one complete hour, long in the past.
        tree.hours("onehour", "source", T0, 1, 10);
        server = TestServer.start(base);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> lines(String path) {
        var r = server.getText(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return r.body().lines().toList();
    }

    private static List<String> urls(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("/segments/")).toList();
    }

    @Test
    void openEndedPlaylistOfOneCompleteHourHasNoEndlist() {
        List<String> open = lines("/playlist/onehour/source.m3u8");
        assertThat(urls(open)).hasSize(1800);
        assertThat(open).doesNotContain("#EXT-X-ENDLIST");
        assertThat(lines("/playlist/onehour/source.m3u8?start=2019-11-13T02:00:00"))
                .doesNotContain("#EXT-X-ENDLIST");
        // The same hour asked for with an explicit end in the past is finished.
        assertThat(lines("/playlist/onehour/source.m3u8?start=2019-11-13T02:00:00&end=2019-11-13T03:00:00"))
                .endsWith("#EXT-X-ENDLIST");
    }

    @Test
    void rangeReachingThePresentHasNoEndlistEvenWhenComplete() {
        long now = Micros.now();
        long start = now - 300_000_000L;
        tree.run("present", "source", start, 10, 2.0, 10);
        String range = "?start=" + Instant.ofEpochSecond(start / 1_000_000) + "&end="
                + Instant.ofEpochSecond(now / 1_000_000 + 3600);
        List<String> playlist = lines("/playlist/present/source.m3u8" + range);
        assertThat(urls(playlist)).hasSize(10);
        assertThat(playlist).doesNotContain("#EXT-X-ENDLIST");
    }

    @Test
    void lateSegmentAndTombstoneDoNotChangeWhatALivePlaylistAlreadyShowed() throws IOException {
        long start = (Micros.now() / 2_000_000L) * 2_000_000L - 120_000_000L;
        long step = 2_000_000L;
        // 0..4, a hole at 5..6, then 7..9.
        List<Path> first = tree.run("late", "source", start, 5, 2.0, 10);
        tree.run("late", "source", start + 7 * step, 3, 2.0, 10);
        List<String> before = lines("/playlist/late/source.m3u8");
        assertThat(urls(before)).hasSize(8);
        assertThat(before).contains("#EXT-X-DISCONTINUITY").doesNotContain("#EXT-X-ENDLIST");

        // A backfilled segment fills the hole, an operator tombstones segment 1, and the stream goes on.
        Path late = tree.segment("late", "source", start + 5 * step, 2.0, SegmentType.FULL, 10);
        tree.tombstone(first.get(1));
        tree.run("late", "source", start + 10 * step, 2, 2.0, 10);
        List<String> after = lines("/playlist/late/source.m3u8");

        // Every URL shown keeps its position, so its media sequence number; the new ones follow.
        assertThat(urls(after).subList(0, 8)).isEqualTo(urls(before));
        assertThat(urls(after)).hasSize(10).noneMatch(u -> u.contains(encoded(late)));
        String gone = urls(after).get(1);
        assertThat(gone).contains(encoded(first.get(1)));
        assertThat(after.get(after.indexOf(gone) - 3)).isEqualTo("#EXT-X-GAP");
        assertThat(after).containsOnlyOnce("#EXT-X-GAP");
        assertThat(after).contains("#EXT-X-DISCONTINUITY").doesNotContain("#EXT-X-ENDLIST");
        assertThat(server.get("/segments/late/source/"
                                + first.get(1).getParent().getFileName() + "/" + encoded(first.get(1)))
                        .statusCode())
                .isEqualTo(404);

        // Asked for as a finished range, the tree is shown as it is now: late segment in, tombstoned one out.
        String past = "?start=" + Instant.ofEpochSecond(start / 1_000_000) + "&end="
                + Instant.ofEpochSecond(start / 1_000_000 + 24);
        List<String> finished = lines("/playlist/late/source.m3u8" + past);
        assertThat(urls(finished)).hasSize(10).anyMatch(u -> u.contains(encoded(late)));
        assertThat(finished).doesNotContain("#EXT-X-GAP");
    }

    private static String encoded(Path segment) {
        return segment.getFileName().toString().replace(":", "%3A");
    }
}
