package org.wubloader.restreamer.playlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.restreamer.testing.TestServer;

/** The prewarm's requests to the server's own port, seen from the outside. */
class PrewarmHttpTest {
    private static final String MEDIA_COUNT = "http_request_latency_all_count{endpoint=\"generate_media_playlist\"";

    @TempDir
    Path base;

    @Test
    void prewarmRequestsAreCountedApartFromClientRequests() throws Exception {
        SegmentTree tree = new SegmentTree(base);
        tree.run("desertbus", "source", SegmentTree.at("2019-11-13T00:00:00"), 30, 2.0, 64);
        tree.run("desertbus", "source", SegmentTree.at("2019-11-13T01:00:00"), 30, 2.0, 64);
        try (TestServer server = TestServer.start(base)) {
            assertThat(server.restreamer().prewarm(24).get(60, TimeUnit.SECONDS))
                    .isEqualTo(2);

            // One event loop in tests: two cheap requests, then the full renders and a cached one.
            int expected = LoopbackWarmup.CONNECTIONS_PER_LOOP + LoopbackWarmup.FULL_RENDERS + 1;
            String metrics = server.getText("/metrics").body();
            assertThat(metrics)
                    .contains("playlist_prewarm_requests_total " + (double) expected)
                    .doesNotContain(MEDIA_COUNT);
            // Its full renderings are for no client: dropped from the cache, only the empty one is left.
            assertThat(cachedBytes(server)).isBetween(1L, 1000L);

            var reply =
                    server.getText("/playlist/desertbus/source.m3u8?start=2019-11-13T00:00:00&end=2019-11-13T01:01:00");
            assertThat(reply.statusCode()).isEqualTo(200);
            assertThat(reply.body()).contains("#EXT-X-ENDLIST");
            assertThat(server.getText("/metrics").body())
                    .contains(MEDIA_COUNT + ",method=\"GET\",status=\"200\"} 1")
                    .contains("playlist_prewarm_requests_total " + (double) expected);
        }
    }

    private static long cachedBytes(TestServer server) {
        return server.restreamer().status().playlistBytesCached();
    }

    @Test
    void aRequestWithAGuessedTokenIsAClientRequest() {
        new SegmentTree(base).full("desertbus", "source", SegmentTree.at("2019-11-13T00:00:00"), 2.0);
        try (TestServer server = TestServer.start(base)) {
            var reply = server.getText(
                    "/playlist/desertbus/source.m3u8", LoopbackWarmup.HEADER, "0123456789abcdef0123456789abcdef");
            assertThat(reply.statusCode()).isEqualTo(200);
            assertThat(server.getText("/metrics").body())
                    .contains(MEDIA_COUNT + ",method=\"GET\",status=\"200\"} 1")
                    .contains("playlist_prewarm_requests_total 0.0");
        }
    }

    @Test
    void noPrewarmNoRequests() throws Exception {
        try (TestServer server = TestServer.start(base)) {
            assertThat(server.restreamer().prewarm(0).get(10, TimeUnit.SECONDS)).isZero();
            assertThat(server.getText("/metrics").body()).contains("playlist_prewarm_requests_total 0.0");
        }
    }
}
