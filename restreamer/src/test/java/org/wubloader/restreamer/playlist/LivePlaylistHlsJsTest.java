package org.wubloader.restreamer.playlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.segment.SegmentPath;
import org.wubloader.common.testing.HeadlessChromium;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.common.testing.TestMedia;
import org.wubloader.common.time.Micros;
import org.wubloader.restreamer.testing.TestServer;

/**
 * A real player follows a live playlist while the tree changes behind it (issue 14 item 2): a
 * late segment fills an old hole, then an old segment is tombstoned. hls.js must play on from
 * where it was: every fragment it loads is the one that follows the previous in time, none twice.
 */
class LivePlaylistHlsJsTest {
    private static final String HLS_JS = "META-INF/resources/webjars/hls.js/1.4.12/dist/hls.min.js";
    private static final long STEP = 2_000_000L;
    private static final int SEGMENTS = 40;

    @TempDir
    Path base;

    private TestServer server;
    private final ScheduledExecutorService live = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        live.shutdownNow();
        if (server != null) {
            server.close();
        }
    }

    private static String page() throws IOException {
        try (InputStream in = LivePlaylistHlsJsTest.class.getClassLoader().getResourceAsStream(HLS_JS)) {
            assertThat(in)
                    .as(HLS_JS + " on the test class path (org.webjars.npm:hls.js)")
                    .isNotNull();
            String hls = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return "<!doctype html><html><body><video id=v muted autoplay></video><script>" + hls + "</script><script>"
                    + "window.loaded = []; window.errors = []; window.levels = 0;"
                    + "const hls = new Hls({liveSyncDurationCount: 3});"
                    + "hls.on(Hls.Events.FRAG_LOADED, (e, d) => window.loaded.push(d.frag.relurl));"
                    + "hls.on(Hls.Events.LEVEL_LOADED, () => window.levels++);"
                    + "hls.on(Hls.Events.ERROR, (e, d) => window.errors.push((d.fatal ? 'FATAL ' : '') + d.details));"
                    + "hls.loadSource('/playlist/live/source.m3u8'); hls.attachMedia(document.getElementById('v'));"
                    + "document.getElementById('v').play().catch(() => {});"
                    + "</script></body></html>";
        }
    }

    @Test
    void hlsJsPlaysOnWithoutRepeatOrSkipWhileTheTreeChangesBehindIt() throws Exception {
        SegmentTree tree = new SegmentTree(base);
        List<Path> media = TestMedia.segments(SEGMENTS);
        // 20 segments up to now, with a hole at index 3 old enough to be shown (LiveEdge's 15 s).
        long start = (Micros.now() / STEP) * STEP - 20 * STEP;
        List<Path> placed = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            placed.add(i == 3 ? null : place(tree, media.get(i), start + i * STEP));
        }
        // The stream goes on: each segment appears once it is complete.
        for (int i = 20; i < SEGMENTS; i++) {
            int n = i;
            long due = start + (n + 1) * STEP - Micros.now();
            live.schedule(() -> place(tree, media.get(n), start + n * STEP), Math.max(0, due), TimeUnit.MICROSECONDS);
        }
        Files.writeString(base.resolve("player.html"), page());
        server = TestServer.start(base);

        try (HeadlessChromium browser = HeadlessChromium.open(server.url("/segments/player.html"))) {
            browser.waitFor("window.loaded.length >= 2", Duration.ofSeconds(30));
            // A backfilled segment arrives in the old hole.
            place(tree, media.get(3), start + 3 * STEP);
            long levels = (Long) browser.evaluate("window.levels");
            browser.waitFor(
                    "window.levels >= " + (levels + 2) + " && window.loaded.length >= 4", Duration.ofSeconds(30));
            // An operator tombstones an old segment.
            tree.tombstone(placed.get(1));
            levels = (Long) browser.evaluate("window.levels");
            long loaded = (Long) browser.evaluate("window.loaded.length");
            browser.waitFor(
                    "window.levels >= " + (levels + 2) + " && window.loaded.length >= " + (loaded + 3),
                    Duration.ofSeconds(30));

            @SuppressWarnings("unchecked")
            List<String> urls = (List<String>) browser.evaluate("window.loaded");
            @SuppressWarnings("unchecked")
            List<String> errors = (List<String>) browser.evaluate("window.errors");
            assertThat(errors).noneMatch(e -> e.startsWith("FATAL"));
            assertThat(urls).doesNotHaveDuplicates();
            List<Long> starts =
                    urls.stream().map(LivePlaylistHlsJsTest::startOf).toList();
            for (int i = 1; i < starts.size(); i++) {
                assertThat(starts.get(i) - starts.get(i - 1))
                        .as("fragment %d follows fragment %d: %s", i, i - 1, urls)
                        .isEqualTo(STEP);
            }
            assertThat(((Number) browser.evaluate("document.getElementById('v').currentTime")).doubleValue())
                    .isPositive();
        }
    }

    private static Path place(SegmentTree tree, Path media, long startMicros) {
        try {
            return tree.write(
                    "live",
                    "source",
                    startMicros,
                    TestMedia.SEGMENT_SECONDS,
                    org.wubloader.common.segment.SegmentType.FULL,
                    Files.readAllBytes(media));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Start of the segment a playlist URL names (…/HOUR/MM%3ASS.ffffff-…). */
    private static long startOf(String url) {
        String path = url.replace("%3A", ":");
        int name = path.lastIndexOf('/');
        int hour = path.lastIndexOf('/', name - 1);
        return SegmentPath.parse("/b/live/source/" + path.substring(hour + 1)).startMicros();
    }
}
