package org.wubloader.restreamer.playlist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.testing.Ffprobe;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.common.testing.TestMedia;
import org.wubloader.common.time.Micros;
import org.wubloader.restreamer.testing.TestServer;

class PlaylistHttpTest {
    private static final long T0 = SegmentTree.at("2019-11-13T02:00:00");
    private static final String RANGE = "start=2019-11-13T02:00:00&end=2019-11-13T02:00:10";

    @TempDir
    static Path base;

    static TestServer server;
    static SegmentTree tree;

    @BeforeAll
    static void start() throws IOException {
        tree = new SegmentTree(base);
        TestMedia.place(tree, "desertbus", "source", T0, TestMedia.segments(5));
        TestMedia.place(tree, "real", "source", T0, TestMedia.segments(5));
        TestMedia.place(tree, "real", "480p", T0, TestMedia.segments(5));
        // Synthetic 720p with a hole: 02:00:00–02:00:06, then 02:00:10–02:00:14.
        tree.run("desertbus", "720p", T0, 3, 2.0, 50);
        tree.run("desertbus", "720p", T0 + 10_000_000, 2, 2.0, 50);
        Files.createDirectories(base.resolve("desertbus/chat/2019-11-13T02"));
        tree.full("desertbus", "160p", T0 + 5 * 3_600_000_000L, 2.0);
        server = TestServer.start(base);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> lines(String path) {
        var r = server.getText(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/vnd.apple.mpegurl");
        return r.body().lines().toList();
    }

    @Test
    void ffprobeReadsEverySegmentThroughThePlaylistUrl() {
        String url = server.url("/playlist/desertbus/source.m3u8?" + RANGE);
        assertThat(Ffprobe.duration(url)).isCloseTo(10.0, org.assertj.core.data.Offset.offset(0.1));
        JsonNode packets = Ffprobe.probe(
                url, "-select_streams", "v:0", "-count_packets", "-show_entries", "stream=nb_read_packets");
        assertThat(packets.path("streams").get(0).path("nb_read_packets").asInt())
                .isEqualTo(250); // 10 s at 25 fps
    }

    @Test
    void completeRangeEndsWithEndlistAndHasProgramDateTimes() {
        List<String> lines = lines("/playlist/desertbus/source.m3u8?" + RANGE);
        assertThat(lines).startsWith("#EXTM3U", "#EXT-X-VERSION:3", "#EXT-X-TARGETDURATION:2");
        assertThat(lines)
                .filteredOn(l -> l.startsWith("#EXT-X-PROGRAM-DATE-TIME:"))
                .containsExactly(
                        "#EXT-X-PROGRAM-DATE-TIME:2019-11-13T02:00:00.000000Z",
                        "#EXT-X-PROGRAM-DATE-TIME:2019-11-13T02:00:02.000000Z",
                        "#EXT-X-PROGRAM-DATE-TIME:2019-11-13T02:00:04.000000Z",
                        "#EXT-X-PROGRAM-DATE-TIME:2019-11-13T02:00:06.000000Z",
                        "#EXT-X-PROGRAM-DATE-TIME:2019-11-13T02:00:08.000000Z");
        assertThat(lines).last().isEqualTo("#EXT-X-ENDLIST");
        assertThat(lines)
                .filteredOn(l -> l.startsWith("/segments/"))
                .allMatch(l -> l.startsWith("/segments/desertbus/source/2019-11-13T02/00%3A"));
    }

    @Test
    void segmentUrlsInThePlaylistAreServed() {
        for (String line : lines("/playlist/desertbus/source.m3u8?" + RANGE)) {
            if (line.startsWith("/segments/")) {
                assertThat(server.get(line).statusCode()).as(line).isEqualTo(200);
            }
        }
    }

    @Test
    void holeIsADiscontinuityAndMissingEndIsIncomplete() {
        List<String> complete =
                lines("/playlist/desertbus/720p.m3u8?start=2019-11-13T02:00:00&end=2019-11-13T02:00:14");
        assertThat(complete).containsOnlyOnce("#EXT-X-DISCONTINUITY").endsWith("#EXT-X-ENDLIST");
        assertThat(complete.indexOf("#EXT-X-DISCONTINUITY"))
                .isEqualTo(complete.indexOf("#EXT-X-PROGRAM-DATE-TIME:2019-11-13T02:00:10.000000Z") - 1);

        List<String> open = lines("/playlist/desertbus/720p.m3u8?start=2019-11-13T02:00:00");
        assertThat(open).doesNotContain("#EXT-X-ENDLIST");
        assertThat(open).filteredOn(l -> l.startsWith("#EXTINF")).hasSize(5);
    }

    @Test
    void rangeOutsideTheStoredSegmentsIsEmptyAndIncomplete() {
        List<String> lines = lines("/playlist/desertbus/source.m3u8?start=2019-11-13T01:00:00&end=2019-11-13T01:10:00");
        assertThat(lines).noneMatch(l -> l.startsWith("#EXTINF")).doesNotContain("#EXT-X-ENDLIST");
    }

    @Test
    void endBeforeStartIsAnEmptyPlaylist() {
        List<String> lines = lines("/playlist/desertbus/source.m3u8?start=2019-11-13T02:00:10&end=2019-11-13T02:00:00");
        assertThat(lines).noneMatch(l -> l.startsWith("#EXTINF")).endsWith("#EXT-X-ENDLIST");
    }

    @Test
    void implicitRangeBeyondTwelveHoursIsRefusedButExplicitIsServed() {
        tree.full("longchannel", "source", T0, 2.0);
        tree.full("longchannel", "source", T0 + 13 * 3_600_000_000L, 2.0);
        var refused = server.getText("/playlist/longchannel/source.m3u8");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("12 hours");
        assertThat(lines("/playlist/longchannel/source.m3u8?start=2019-11-13T02:00:00&end=2019-11-13T16:00:00"))
                .filteredOn(l -> l.startsWith("#EXTINF"))
                .hasSize(2);
    }

    @Test
    void repeatedPlaylistReflectsATombstoneAddedInBetween() {
        List<java.nio.file.Path> run = tree.run("tomb", "source", T0, 5, 2.0, 20);
        String url = "/playlist/tomb/source.m3u8?" + RANGE;
        List<String> first = lines(url);
        assertThat(lines(url)).isEqualTo(first);
        tree.tombstone(run.get(2));
        List<String> after = lines(url);
        assertThat(after).filteredOn(l -> l.startsWith("#EXTINF")).hasSize(4);
        assertThat(after)
                .contains("#EXT-X-DISCONTINUITY")
                .noneMatch(l -> l.contains(run.get(2).getFileName().toString().replace(":", "%3A")));
    }

    @Test
    void masterPlaylistOffersEveryQualityButChat() {
        List<String> lines = lines("/playlist/desertbus.m3u8");
        assertThat(lines)
                .filteredOn(l -> l.startsWith("/playlist/"))
                .containsExactly(
                        "/playlist/desertbus/source.m3u8",
                        "/playlist/desertbus/720p.m3u8",
                        "/playlist/desertbus/160p.m3u8");
    }

    @Test
    void masterPlaylistWithARangeOffersOnlyQualitiesCoveringIt() {
        List<String> lines = lines("/playlist/desertbus.m3u8?" + RANGE);
        assertThat(lines)
                .filteredOn(l -> l.startsWith("/playlist/"))
                .containsExactly("/playlist/desertbus/source.m3u8?" + RANGE, "/playlist/desertbus/720p.m3u8?" + RANGE);
    }

    @Test
    void ffprobePlaysTheMasterPlaylist() {
        String url = server.url("/playlist/real.m3u8?" + RANGE);
        JsonNode streams = Ffprobe.probe(url, "-show_entries", "stream=codec_name:format=duration");
        assertThat(streams.path("streams").toString()).contains("h264");
        assertThat(streams.path("format").path("duration").asDouble())
                .isCloseTo(10.0, org.assertj.core.data.Offset.offset(0.1));
    }

    @Test
    void liveEdgeHoleHidesTheSegmentsAfterIt() {
        long now = Micros.now();
        long start = now - 40_000_000;
        tree.run("live", "source", start, 14, 2.0, 20); // now-40 s … now-12 s
        tree.run("live", "source", start + 30_000_000, 3, 2.0, 20); // hole at now-12 s … now-10 s, then now-10 s …
        String range = "?start=" + org.wubloader.common.time.Timestamps.formatMicros(start);
        List<String> lines = lines("/playlist/live/source.m3u8" + range);
        assertThat(lines).filteredOn(l -> l.startsWith("#EXTINF")).hasSize(14);
        assertThat(lines).doesNotContain("#EXT-X-DISCONTINUITY", "#EXT-X-ENDLIST");

        // Once the late segment arrives the playlist simply grows.
        tree.segment("live", "source", start + 28_000_000, 2.0, SegmentType.FULL, 20);
        assertThat(lines("/playlist/live/source.m3u8" + range))
                .filteredOn(l -> l.startsWith("#EXTINF"))
                .hasSize(18);
    }

    @Test
    void oldHoleIsShownAsADiscontinuity() {
        long now = Micros.now();
        long start = now - 120_000_000;
        tree.run("older", "source", start, 5, 2.0, 20);
        tree.run("older", "source", start + 20_000_000, 5, 2.0, 20); // hole 100 s … 110 s ago
        List<String> lines =
                lines("/playlist/older/source.m3u8?start=" + org.wubloader.common.time.Timestamps.formatMicros(start));
        assertThat(lines).contains("#EXT-X-DISCONTINUITY").doesNotContain("#EXT-X-ENDLIST");
        assertThat(lines).filteredOn(l -> l.startsWith("#EXTINF")).hasSize(10);
    }
}
