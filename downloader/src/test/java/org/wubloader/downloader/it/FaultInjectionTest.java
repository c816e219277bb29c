package org.wubloader.downloader.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.SegmentHash;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.downloader.ChannelSpec;
import org.wubloader.downloader.ProviderFactory;
import org.wubloader.downloader.Providers;
import org.wubloader.downloader.Timings;
import org.wubloader.downloader.provider.Provider;
import org.wubloader.downloader.provider.ProviderLimits;

/** The downloader (url provider) against an origin that misbehaves on purpose. */
class FaultInjectionTest extends OriginTestBase {
    /** Everything ten times faster than production: a 0.2 s poll, a 1.5 s whole-segment soft timeout. */
    static final Timings FAST = Timings.defaults().scaled(0.1).withShutdownGrace(Duration.ofSeconds(2));

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path base;

    private void startDownloader(Providers providers, int playlistDebug) throws Exception {
        harness = Harness.start(
                base,
                List.of(ChannelSpec.parse("db!:url:" + origin.uri("/master.m3u8"))),
                List.of("source"),
                FAST,
                providers,
                playlistDebug);
    }

    private void startDownloader() throws Exception {
        startDownloader(ProviderFactory.defaults(), 0);
    }

    /** A live-looking playlist of {@code count} 2-second segments seg0…, each with its bytes served. */
    private String servedPlaylist(int count, int size) {
        StringBuilder text = Media.header();
        for (int i = 0; i < count; i++) {
            Media.segment(text, 2.0 * i, "seg" + i + ".ts");
            origin.body("/seg" + i + ".ts", Media.bytes(i, size));
        }
        return text.toString();
    }

    private List<Segment> full() {
        return harness.segments("db", "source", SegmentType.FULL);
    }

    private void awaitFull(int count) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(full()).hasSize(count));
        Harness.assertNamesAreHashes(harness.files("db", "source"));
    }

    private void awaitNoTemp() {
        await().atMost(WAIT)
                .until(() -> harness.segments("db", "source", SegmentType.TEMP).isEmpty());
    }

    @Test
    void playlistErrorsAndStallsAreRiddenOut() throws Exception {
        origin.playlist("/master.m3u8", () -> Media.master("media.m3u8"));
        String three = servedPlaylist(3, 1000);
        String six = servedPlaylist(6, 1000);
        AtomicInteger polls = new AtomicInteger();
        origin.route("/media.m3u8", req -> {
            int n = polls.incrementAndGet();
            if (n == 1) {
                req.response().end(three);
            } else if (n <= 3) {
                req.response().setStatusCode(500).end("boom");
            } else if (n == 4) {
                originVertx.setTimer(1500, id -> req.response().end(six)); // past the 0.5 s soft timeout
            } else {
                req.response().end(six);
            }
        });
        startDownloader();

        awaitFull(6);
        assertThat(harness.segments("db", "source")).allMatch(s -> s.type() == SegmentType.FULL);
        for (int i = 0; i < 6; i++) {
            assertThat(origin.requests("/seg" + i + ".ts"))
                    .as("seg%d fetched once", i)
                    .isEqualTo(1);
        }
    }

    @Test
    void aStalledMasterFetchIsAbandonedAndFetchesNeverOverlap() throws Exception {
        AtomicInteger masters = new AtomicInteger();
        origin.route("/master.m3u8", req -> {
            if (masters.incrementAndGet() > 1) {
                req.response().end(Media.master("media.m3u8"));
            } // the first never answers: abandoned at the 3 s hard timeout
        });
        String playlist = servedPlaylist(2, 100);
        origin.playlist("/media.m3u8", () -> playlist);
        startDownloader();

        awaitFull(2);
        assertThat(masters.get()).isGreaterThanOrEqualTo(2);
        assertThat(origin.peakConcurrency("/master.m3u8")).isEqualTo(1);
    }

    @Test
    void aFailingFirstFetchIsReplacedByAFreshWorkerOnTheSameUrl() throws Exception {
        origin.playlist("/master.m3u8", () -> Media.master("media.m3u8"));
        String playlist = servedPlaylist(2, 100);
        AtomicInteger polls = new AtomicInteger();
        origin.route("/media.m3u8", req -> {
            if (polls.incrementAndGet() <= 2) {
                req.response().setStatusCode(500).end();
            } else {
                req.response().end(playlist);
            }
        });
        startDownloader();

        awaitFull(2);
        assertThat(origin.requests("/master.m3u8")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aBodyCutOffMidwayIsKeptAsPartialThenFetchedWhole() throws Exception {
        origin.playlist("/master.m3u8", () -> Media.master("media.m3u8"));
        byte[] bytes = Media.bytes(7, 600_000);
        AtomicInteger tries = new AtomicInteger();
        origin.route("/cut.ts", req -> {
            if (tries.incrementAndGet() == 1) {
                req.response().putHeader("Content-Length", Integer.toString(bytes.length));
                req.response()
                        .write(Buffer.buffer(bytes).slice(0, 400_000))
                        .onComplete(v ->
                                originVertx.setTimer(100, id -> req.connection().close()));
            } else {
                req.response().end(Buffer.buffer(bytes));
            }
        });
        StringBuilder text = Media.header();
        Media.segment(text, 0, "cut.ts");
        origin.playlist("/media.m3u8", text::toString);
        startDownloader();

        awaitFull(1);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(harness.segments("db", "source", SegmentType.PARTIAL))
                        .hasSize(1));
        Segment partial = harness.segments("db", "source", SegmentType.PARTIAL).get(0);
        byte[] kept = Files.readAllBytes(base.resolve(partial.path()));
        assertThat(kept)
                .hasSize(400_000)
                .isEqualTo(Buffer.buffer(bytes).slice(0, 400_000).getBytes());
        assertThat(full().get(0).hash()).isEqualTo(SegmentHash.of(bytes));
        assertThat(harness.counter("segments_downloaded", "type", "partial")).isEqualTo(1.0);
        assertThat(harness.counter("segment_duration_downloaded", "type", "partial"))
                .isEqualTo(2.0);
        awaitNoTemp();
    }

    @Test
    void aSlowSegmentGetsASecondAttemptAfterTheSoftTimeout() throws Exception {
        origin.playlist("/master.m3u8", () -> Media.master("media.m3u8"));
        byte[] bytes = Media.bytes(9, 200_000);
        AtomicInteger tries = new AtomicInteger();
        origin.route("/slow.ts", req -> {
            if (tries.incrementAndGet() == 1) {
                req.response().putHeader("Content-Length", Integer.toString(bytes.length));
                req.response().write(Buffer.buffer(bytes).slice(0, 1000));
                // Completes well after the 1.5 s soft timeout, but before the hard one.
                originVertx.setTimer(
                        3000, id -> req.response().end(Buffer.buffer(bytes).slice(1000, bytes.length)));
            } else {
                req.response().end(Buffer.buffer(bytes));
            }
        });
        StringBuilder text = Media.header();
        Media.segment(text, 0, "slow.ts");
        origin.playlist("/media.m3u8", text::toString);
        startDownloader();

        awaitFull(1);
        assertThat(tries.get()).isGreaterThanOrEqualTo(2);
        // The first attempt also completes: same bytes, same name, and its temp file (open since
        // its first 1000 bytes, long before the second attempt began) is gone.
        awaitNoTemp();
        assertThat(harness.segments("db", "source")).hasSize(1);
        assertThat(full().get(0).hash()).isEqualTo(SegmentHash.of(bytes));
    }

    @Test
    void anExpiredMediaUrlLeadsToANewWorkerFromTheMasterPlaylist() throws Exception {
        AtomicInteger session = new AtomicInteger(1);
        origin.route("/master.m3u8", req -> req.response().end(Media.master("s" + session.get() + "/media.m3u8")));
        StringBuilder first = Media.header();
        Media.segment(first, 0, "/a0.ts");
        Media.segment(first, 2, "/a1.ts");
        Media.segment(first, 4, "/gone.ts");
        origin.body("/a0.ts", Media.bytes(0, 100));
        origin.body("/a1.ts", Media.bytes(1, 100));
        origin.route("/gone.ts", req -> req.response().setStatusCode(403).end());
        AtomicInteger firstPolls = new AtomicInteger();
        origin.route("/s1/media.m3u8", req -> {
            if (firstPolls.incrementAndGet() <= 2) {
                req.response().end(first.toString());
            } else {
                session.set(2);
                req.response().setStatusCode(403).end();
            }
        });
        StringBuilder second = Media.header();
        Media.segment(second, 6, "/b3.ts");
        Media.segment(second, 8, "/b4.ts");
        origin.body("/b3.ts", Media.bytes(3, 100));
        origin.body("/b4.ts", Media.bytes(4, 100));
        origin.playlist("/s2/media.m3u8", second::toString);
        startDownloader();

        awaitFull(4);
        assertThat(origin.requests("/gone.ts")).isEqualTo(1);
        assertThat(origin.requests("/s2/media.m3u8")).isPositive();
        await().atMost(WAIT).untilAsserted(() -> assertThat(harness.workers()).hasSize(1));
    }

    @Test
    void adsAreSkippedAndCountedOncePerSegment() throws Exception {
        origin.playlist("/master.m3u8", () -> Media.master("media.m3u8"));
        StringBuilder text = Media.header();
        Media.segment(text, 0, "c0.ts");
        text.append("#EXT-X-SCTE35-OUT:URL=\"break-1\"\n");
        Media.segment(text, 2, "ad1.ts");
        text.append("#EXT-X-SCTE35-IN\n");
        Media.segment(text, 4, "Amazon|123", "ad2.ts");
        text.append("#EXT-X-DATERANGE:ID=\"stitched-ad-1\",CLASS=\"twitch-stitched-ad\",START-DATE=\"")
                .append(Media.T0.plusSeconds(6))
                .append("\",DURATION=4.000\n#EXT-X-DISCONTINUITY\n");
        Media.segment(text, 6, "ad3.ts");
        Media.segment(text, 8, "ad4.ts");
        text.append("#EXT-X-DISCONTINUITY\n");
        Media.segment(text, 10, "c5.ts");
        for (String name : List.of("c0", "ad1", "ad2", "ad3", "ad4", "c5")) {
            origin.body("/" + name + ".ts", Media.bytes(name.hashCode(), 100));
        }
        origin.playlist("/media.m3u8", text::toString);
        startDownloader();

        awaitFull(2);
        await().atMost(WAIT).until(() -> origin.requests("/media.m3u8") >= 5);
        for (String ad : List.of("/ad1.ts", "/ad2.ts", "/ad3.ts", "/ad4.ts")) {
            assertThat(origin.requests(ad)).as(ad).isZero();
        }
        assertThat(harness.counter("ad_segments_ignored")).isEqualTo(4.0);
        assertThat(harness.counter("segment_time_skew_non_zero_count")).isZero();
    }

    @Test
    void endListStopsTheWorkerAndNothingIsFetchedTwice() throws Exception {
        origin.playlist("/master.m3u8", () -> Media.master("media.m3u8"));
        String playlist = servedPlaylist(3, 100) + "#EXT-X-ENDLIST\n";
        origin.playlist("/media.m3u8", () -> playlist);
        startDownloader();

        awaitFull(3);
        // Replacement workers keep checking whether the stream came back, after a backoff.
        await().atMost(WAIT).until(() -> origin.requests("/media.m3u8") >= 3);
        for (int i = 0; i < 3; i++) {
            assertThat(origin.requests("/seg" + i + ".ts")).isEqualTo(1);
        }
        String metrics = harness.registry.scrape();
        assertThat(metrics).contains("segments_downloaded_total{channel=\"db\",quality=\"source\",type=\"full\"} 3.0");
        assertThat(metrics)
                .contains("segment_duration_downloaded_total{channel=\"db\",quality=\"source\",type=\"full\"} 6.0");
        assertThat(metrics)
                .contains("segment_size_bucket{channel=\"db\",quality=\"source\",type=\"full\",le=\"1024.0\"} 3")
                .contains("segment_size_bucket{channel=\"db\",quality=\"source\",type=\"full\",le=\"0.0\"} 0");
        assertThat(metrics).contains("le=\"1.073741824E9\"");
        assertThat(metrics).contains("latest_segment{channel=\"db\",quality=\"source\"} 1.573610404E9");
        assertThat(metrics)
                .contains(
                        "http_client_request_latency_count{domain=\"127.0.0.1\",method=\"GET\",name=\"get_segment\",status=\"200\"} 3");
        assertThat(metrics).contains("name=\"url_master_playlist\"").contains("name=\"get_media_playlist\"");
    }

    @Test
    void mapDataIsPrependedToEverySegmentAndFetchedOnce() throws Exception {
        origin.playlist("/master.m3u8", () -> Media.master("media.m3u8"));
        byte[] init = Media.bytes(100, 700);
        origin.body("/init.mp4", init);
        StringBuilder text = Media.header().append("#EXT-X-MAP:URI=\"init.mp4\"\n");
        for (int i = 0; i < 3; i++) {
            Media.segment(text, 2.0 * i, "part" + i + ".m4s");
            origin.body("/part" + i + ".m4s", Media.bytes(200 + i, 5000));
        }
        origin.playlist("/media.m3u8", text::toString);
        startDownloader();

        awaitFull(3);
        for (Segment segment : full()) {
            int i = (int) ((segment.startMicros() - org.wubloader.common.time.Micros.of(Media.T0)) / 2_000_000L);
            byte[] expected =
                    Buffer.buffer(init).appendBytes(Media.bytes(200 + i, 5000)).getBytes();
            assertThat(Files.readAllBytes(base.resolve(segment.path()))).isEqualTo(expected);
        }
        assertThat(origin.requests("/init.mp4")).isEqualTo(1);
    }

    @Test
    void byteRangesAreHonoured() throws Exception {
        origin.playlist("/master.m3u8", () -> Media.master("media.m3u8"));
        byte[] all = Media.bytes(300, 3000);
        origin.body("/all.ts", all);
        StringBuilder text = Media.header();
        for (int i = 0; i < 3; i++) {
            text.append("#EXT-X-BYTERANGE:1000@").append(i * 1000).append('\n');
            Media.segment(text, 2.0 * i, "all.ts");
        }
        // Same URI with different ranges would be one getter: give each range its own URI.
        String playlist = text.toString()
                .replaceFirst("all.ts", "all.ts?r=0")
                .replaceFirst("\nall.ts\n", "\nall.ts?r=1\n")
                .replaceFirst("\nall.ts\n", "\nall.ts?r=2\n");
        origin.playlist("/media.m3u8", () -> playlist);
        startDownloader();

        awaitFull(3);
        for (Segment segment : full()) {
            int i = (int) ((segment.startMicros() - org.wubloader.common.time.Micros.of(Media.T0)) / 2_000_000L);
            assertThat(Files.readAllBytes(base.resolve(segment.path())))
                    .isEqualTo(
                            Buffer.buffer(all).slice(i * 1000, i * 1000 + 1000).getBytes());
        }
    }

    @Test
    void encryptedSegmentsAreRefused() throws Exception {
        origin.playlist("/master.m3u8", () -> Media.master("media.m3u8"));
        StringBuilder text = Media.header().append("#EXT-X-KEY:METHOD=AES-128,URI=\"key.bin\"\n");
        Media.segment(text, 0, "secret.ts");
        origin.body("/secret.ts", Media.bytes(1, 100));
        origin.playlist("/media.m3u8", text::toString);
        startDownloader();

        await().atMost(WAIT).until(() -> origin.requests("/media.m3u8") >= 3);
        assertThat(harness.workers()).anyMatch(w -> w.encryptedRefused() == 1);
        assertThat(origin.requests("/secret.ts")).isZero();
        assertThat(harness.files("db", "source")).isEmpty();
    }

    @Test
    void undatedSegmentsAreSavedSuspectAndTheWorkerGoesOn() throws Exception {
        origin.playlist("/master.m3u8", () -> Media.master("media.m3u8"));
        AtomicInteger polls = new AtomicInteger();
        origin.route("/media.m3u8", req -> {
            int n = polls.incrementAndGet();
            StringBuilder text = Media.header();
            for (int i = 0; i < Math.min(n, 4); i++) {
                text.append("#EXTINF:2.000,\nu").append(i).append(".ts\n");
            }
            req.response().end(text.toString());
        });
        for (int i = 0; i < 4; i++) {
            origin.body("/u" + i + ".ts", Media.bytes(400 + i, 100));
        }
        startDownloader();

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(harness.segments("db", "source", SegmentType.SUSPECT))
                        .hasSize(4));
        assertThat(full()).isEmpty();
        int seen = polls.get();
        await().atMost(WAIT).until(() -> polls.get() > seen + 2);
    }

    @Test
    void aFullGetterPoolDelaysNewGettersButNotPolling() throws Exception {
        origin.playlist("/master.m3u8", () -> Media.master("media.m3u8"));
        byte[] bytes = Media.bytes(5, 1000);
        origin.route(
                "/held.ts",
                req -> originVertx.setTimer(2500, id -> req.response().end(Buffer.buffer(bytes))));
        StringBuilder text = Media.header();
        Media.segment(text, 0, "held.ts");
        Media.segment(text, 2, "next.ts");
        origin.body("/next.ts", Media.bytes(6, 1000));
        origin.playlist("/media.m3u8", text::toString);
        Providers oneGetter = (channel, vertx, client, metrics) -> {
            Provider real = ProviderFactory.defaults().create(channel, vertx, client, metrics);
            return new Provider() {
                @Override
                public ProviderLimits limits() {
                    return new ProviderLimits(ProviderLimits.URL.maxWorkerAge(), 1, false);
                }

                @Override
                public io.vertx.core.Future<java.util.Map<String, java.net.URI>> fetch(
                        List<String> qualities, io.vertx.core.Future<Void> cancel) {
                    return real.fetch(qualities, cancel);
                }
            };
        };
        startDownloader(oneGetter, 0);

        await().atMost(WAIT).until(() -> origin.requests("/held.ts") >= 1);
        // While the only slot is taken, polling goes on and the next getter waits its turn.
        await().atMost(WAIT).until(() -> origin.requests("/media.m3u8") >= 5);
        assertThat(origin.requests("/next.ts")).isZero();
        assertThat(harness.workers()).anyMatch(w -> w.queued() == 1);
        awaitFull(2);
    }

    @Test
    void playlistDebugHistoryIsWrittenBesideEachSavedSegment() throws Exception {
        origin.playlist("/master.m3u8", () -> Media.master("media.m3u8"));
        String playlist = servedPlaylist(1, 100);
        origin.playlist("/media.m3u8", () -> playlist);
        startDownloader(ProviderFactory.defaults(), 2);

        awaitFull(1);
        Path dir = base.resolve("playlist-debug").resolve(full().get(0).path());
        await().atMost(WAIT).until(() -> Files.isDirectory(dir));
        try (var entries = Files.list(dir)) {
            List<Path> files = entries.toList();
            assertThat(files).hasSize(1);
            assertThat(files.get(0).getFileName().toString()).startsWith("0_");
            assertThat(Files.readString(files.get(0))).isEqualTo(playlist);
        }
    }
}
