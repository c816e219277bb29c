package org.wubloader.downloader.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.segment.Hole;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.segment.Span;
import org.wubloader.common.storage.SegmentStore;
import org.wubloader.common.testing.Ffprobe;
import org.wubloader.common.testing.TestMedia;
import org.wubloader.downloader.ChannelSpec;
import org.wubloader.downloader.ProviderFactory;
import org.wubloader.downloader.Timings;

/**
 * A real live HLS stream: ffmpeg encodes a test pattern in real time into 2-second segments
 * (a moving 5-segment window, old segments deleted), a small Vert.x server publishes the
 * directory, and the downloader follows it with production timings for about 25 seconds.
 */
class LiveHlsTest {
    @TempDir
    Path base;

    @TempDir
    Path hls;

    private Process ffmpeg;
    private Vertx originVertx;
    private TestOrigin origin;
    private Harness harness;

    @AfterEach
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
        if (ffmpeg != null) {
            ffmpeg.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (origin != null) {
            origin.close();
            originVertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private void serveDirectory() throws Exception {
        originVertx = Vertx.vertx();
        origin = TestOrigin.start(originVertx);
        origin.playlist("/master.m3u8", () -> Media.master("live/stream.m3u8"));
        // Segments and the playlist, as ffmpeg writes them into the directory.
        origin.fallback(req -> {
            String name = req.path().startsWith("/live/") ? req.path().substring("/live/".length()) : "";
            if (name.isEmpty() || name.contains("/") || name.startsWith(".")) {
                req.response().setStatusCode(404).end();
                return;
            }
            originVertx.fileSystem().readFile(hls.resolve(name).toString()).onComplete(ar -> {
                if (ar.succeeded()) {
                    req.response().putHeader("Cache-Control", "no-cache").end(ar.result());
                } else {
                    req.response().setStatusCode(404).end();
                }
            });
        });
    }

    @Test
    void aLiveStreamIsCapturedWholeAndPlayable() throws Exception {
        ffmpeg = new ProcessBuilder(TestMedia.ffmpegCommand(
                        List.of("-re"),
                        TestMedia.testPattern("320x180", 25),
                        TestMedia.TONE,
                        List.of("-t", "60"),
                        TestMedia.H264_AAC,
                        List.of(
                                "-f",
                                "hls",
                                "-hls_time",
                                "2",
                                "-hls_flags",
                                "program_date_time+delete_segments",
                                "-hls_list_size",
                                "5",
                                hls.resolve("stream.m3u8").toString())))
                .redirectErrorStream(true)
                .redirectOutput(hls.resolve("ffmpeg.log").toFile())
                .start();
        serveDirectory();
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(hls.resolve("stream.m3u8")));

        harness = Harness.start(
                base,
                List.of(ChannelSpec.parse("live:url:" + origin.uri("/master.m3u8"))),
                List.of("source"),
                Timings.defaults().withShutdownGrace(Duration.ofSeconds(5)),
                ProviderFactory.defaults(),
                0);
        // About 20 s of stream (10 segments).
        await().atMost(Duration.ofSeconds(60))
                .until(() -> harness.segments("live", "source").size() >= 10);
        harness.shutdown();

        List<Segment> segments = harness.segments("live", "source").stream()
                .sorted(Comparator.comparingLong(Segment::startMicros))
                .toList();
        assertThat(segments).allMatch(s -> s.type() == SegmentType.FULL, "every file is full");
        Harness.assertNamesAreHashes(harness.files("live", "source"));
        for (Segment segment : segments) {
            double duration = Ffprobe.duration(base.resolve(segment.path()).toString());
            assertThat(duration).as("playable %s", segment.path()).isBetween(1.5, 2.5);
        }
        long start = segments.get(0).startMicros();
        long end = segments.get(segments.size() - 1).endMicros();
        List<Span> best = new SegmentStore(base).bestSegments("live", "source", start, end, true);
        assertThat(best).noneMatch(span -> span instanceof Hole);
        assertThat(best).hasSize(segments.size());
    }
}
