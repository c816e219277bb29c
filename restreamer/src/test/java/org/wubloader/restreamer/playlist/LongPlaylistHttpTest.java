package org.wubloader.restreamer.playlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.testing.Scrape;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.restreamer.testing.RawClient;
import org.wubloader.restreamer.testing.TestServer;

/** A 24-hour playlist: 43,200 synthetic segments. */
class LongPlaylistHttpTest {
    private static final String DAY =
            "/playlist/desertbus/source.m3u8?start=2019-11-13T00:00:00&end=2019-11-14T00:00:00";
    private static final int SEGMENTS = 24 * 1800;

    /**
     * Each test asks for its own range: a range rendered before is served from the render cache
     * in one write, which neither streams nor coalesces.
     */
    private static String dayEndingSecondsEarly(int seconds) {
        return DAY.replace("2019-11-14T00:00:00", "2019-11-13T23:59:" + (60 - seconds));
    }

    @TempDir
    static Path base;

    static TestServer server;

    @BeforeAll
    static void start() {
        new SegmentTree(base).hours("desertbus", "source", SegmentTree.at("2019-11-13T00:00:00"), 24, 1);
        server = TestServer.start(base);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static double metric(TestServer server, String name, String... labelPairs) {
        return Scrape.parse(server.getText("/metrics").body()).sum(name, labelPairs);
    }

    private static double playlistConcurrency(TestServer server) {
        return metric(server, "http_request_concurrency_all", "endpoint", "generate_media_playlist", "method", "GET");
    }

    private static void assertWholeDay(RawClient.Response response, int secondsEarly) {
        assertThat(response.status()).isEqualTo(200);
        String text = response.text();
        assertThat(text.lines().filter(l -> l.startsWith("#EXTINF"))).hasSize(SEGMENTS - secondsEarly / 2);
        assertThat(text).endsWith("#EXT-X-ENDLIST\n").doesNotContain("DISCONTINUITY");
    }

    @Test
    void metricsAnswerWhileA24HourPlaylistIsInFlight() throws IOException {
        try (RawClient player = RawClient.get(server.port(), dayEndingSecondsEarly(4))) {
            var metrics = server.getText("/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            // The player has read nothing, so its 8 MB playlist cannot have been sent yet:
            // this scrape was answered while the playlist request was in flight.
            await().atMost(Duration.ofSeconds(60)).until(() -> playlistConcurrency(server) == 1.0);
            assertThat(metric(server, "playlist_computations_in_flight")).isEqualTo(1.0);
            assertWholeDay(player.readAll(), 4);
        }
    }

    @Test
    void identicalRequestsInFlightShareOneComputation() throws IOException {
        double before = metric(server, "playlist_computations_total");
        List<RawClient> players = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                // Spelled differently, identical once parsed.
                String day = dayEndingSecondsEarly(6);
                String target = i % 2 == 0 ? day : day.replace("T00:00:00", "%2000:00:00.000");
                players.add(RawClient.get(server.port(), target));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> playlistConcurrency(server) == 16.0);
            assertThat(metric(server, "playlist_computations_total")).isEqualTo(before + 1);
            byte[] first = null;
            for (RawClient player : players) {
                RawClient.Response response = player.readAll();
                assertWholeDay(response, 6);
                if (first == null) {
                    first = response.body();
                } else {
                    assertThat(response.body()).isEqualTo(first);
                }
            }
        } finally {
            for (RawClient player : players) {
                player.close();
            }
        }
    }

    @Test
    void playerThatLeavesCancelsTheComputation() throws IOException {
        double before = metric(server, "playlist_computations_total");
        String target = dayEndingSecondsEarly(2);
        try (RawClient player = RawClient.get(server.port(), target)) {
            player.readHead();
            assertThat(metric(server, "playlist_computations_in_flight")).isEqualTo(1.0);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> metric(server, "playlist_computations_in_flight") == 0.0);
        assertThat(metric(server, "playlist_computations_total")).isEqualTo(before + 1);
    }

    @Test
    void aFinishedRenderingIsKeptForReuseAndCountedAsRenderCacheBytes() throws IOException {
        String target = dayEndingSecondsEarly(8);
        double cached = metric(server, "playlist_render_cache_bytes");
        byte[] body;
        try (RawClient player = RawClient.get(server.port(), target)) {
            RawClient.Response response = player.readAll();
            assertWholeDay(response, 8);
            body = response.body();
        }
        // Its off-heap copy is what an operator sees grow in jvm_buffer_memory_used_bytes.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> metric(server, "playlist_render_cache_bytes") == cached + body.length);
        try (RawClient again = RawClient.get(server.port(), target)) {
            assertThat(again.readAll().body()).isEqualTo(body);
        }
        assertThat(metric(server, "playlist_render_cache_bytes"))
                .as("the same spans again: the kept rendering is reused, not kept twice")
                .isEqualTo(cached + body.length);
    }
}
