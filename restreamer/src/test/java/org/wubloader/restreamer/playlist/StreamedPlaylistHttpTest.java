package org.wubloader.restreamer.playlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.segment.Span;
import org.wubloader.common.storage.SegmentStore;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.restreamer.Restreamer;
import org.wubloader.restreamer.editor.HeavyWork;
import org.wubloader.restreamer.testing.RawClient;
import org.wubloader.restreamer.testing.TestServer;

/**
 * A 24 h playlist with holes and tombstones, streamed chunk by chunk to a slow client by a
 * restreamer that keeps nothing whole (no retention, no cache), is byte for byte the playlist
 * rendered at once from the same segments.
 */
class StreamedPlaylistHttpTest {
    private static final String START = "2019-11-13T00:00:00";
    private static final String END = "2019-11-14T00:00:00";
    private static final String DAY = "/playlist/desertbus/source.m3u8?start=" + START + "&end=" + END;

    @TempDir
    static Path base;

    static TestServer server;
    static List<Path> removed;
    static List<Path> tombstoned;
    static Path first;

    @BeforeAll
    static void start() throws IOException {
        SegmentTree tree = new SegmentTree(base);
        List<Path> day = tree.hours("desertbus", "source", SegmentTree.at(START), 24, 1);
        first = day.get(0);
        // Holes: one segment at 03:00, ten at 12:00, the last one of the day; tombstones at 07:00 and 20:00.
        removed = List.of(day.get(3 * 1800), day.get(12 * 1800), day.get(day.size() - 1));
        for (int i = 1; i < 10; i++) {
            Files.delete(day.get(12 * 1800 + i));
        }
        for (Path p : removed) {
            Files.delete(p);
        }
        tombstoned = List.of(day.get(7 * 1800 + 5), day.get(20 * 1800 + 900));
        tombstoned.forEach(tree::tombstone);
        server = TestServer.start(
                base, new Restreamer.Settings(HeavyWork.defaultLimit(), null, new PlaylistLimits(2, 4, 0, 0)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String url(Path segment) {
        return "/segments/" + base.relativize(segment).toString().replace(":", "%3A") + "\n";
    }

    private static byte[] materialised() throws Exception {
        List<Span> spans = new SegmentStore(base)
                .bestSegments("desertbus", "source", SegmentTree.at(START), SegmentTree.at(END), true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MediaPlaylistRenderer(PlaylistService.urlPrefix("desertbus", "source"), PlaylistService.STREAM_CHUNK_BYTES)
                .render(spans, (data, length) -> out.write(data, 0, length));
        return out.toByteArray();
    }

    @Test
    void aDayWithHolesAndTombstonesStreamedToASlowClientIsTheMaterialisedRendering() throws Exception {
        byte[] expected = materialised();
        String text = new String(expected, java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(text).contains("#EXT-X-DISCONTINUITY\n").doesNotContain("#EXT-X-ENDLIST");
        assertThat(text).contains(url(first)); // the form of a segment's line, for the checks below
        for (Path p : tombstoned) {
            assertThat(text).doesNotContain(url(p));
        }
        for (int round = 0; round < 2; round++) {
            try (RawClient slow = RawClient.getSlowly(server.port(), DAY, 32 * 1024, 1)) {
                RawClient.Response response = slow.readAll();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.headers()).containsIgnoringCase("transfer-encoding: chunked");
                assertThat(response.body()).isEqualTo(expected);
            }
        }
        assertThat(server.restreamer().status().playlistBytesCached()).isZero();
    }
}
