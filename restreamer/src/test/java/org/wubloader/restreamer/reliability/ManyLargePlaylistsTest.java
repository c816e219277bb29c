package org.wubloader.restreamer.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.restreamer.testing.ChildRestreamer;
import org.wubloader.restreamer.testing.RawClient;

/**
 * Issue 11 item 9: many concurrent, distinct 24 h playlists (about 2 MB each here, 7.6 MB with
 * real names) to slow clients, served by a restreamer with a small heap. Each is answered whole
 * or with a clean 503; the process neither runs out of memory nor stops answering /metrics.
 */
class ManyLargePlaylistsTest {
    @TempDir
    static Path root;

    static Path base;
    ChildRestreamer child;

    @BeforeAll
    static void tree() {
        base = root.resolve("base");
        new SegmentTree(base).hours("desertbus", "source", SegmentTree.at("2019-11-13T00:00:00"), 24, 1);
    }

    @AfterEach
    void stop() {
        if (child != null) {
            child.close();
        }
    }

    @Test
    void concurrentDayLongPlaylistsToSlowClientsCompleteOr503WithoutRunningOutOfMemory() throws Exception {
        child = ChildRestreamer.start(
                base,
                root.resolve("few.log"),
                List.of("-Xmx128m"),
                "--playlist-renderings",
                "2",
                "--playlist-queue",
                "8");
        load(48, 2);
    }

    /**
     * 48 renderings at once in a 128 MiB heap, of which the segment index takes about 36 MB.
     * Before playlists were rendered as their clients' sockets drained, each held its whole
     * rendering until its slowest client had it: with 7.6 MB playlists, 50 clients at 1 MB/s got
     * 37 × 200, 11 × 500 and OutOfMemoryError (by hand, bench tree); now 50 × 200.
     */
    @Test
    void fiftyDayLongPlaylistsRenderedAtOnceFitInASmallHeap() throws Exception {
        child = ChildRestreamer.start(
                base,
                root.resolve("many.log"),
                List.of("-Xmx128m"),
                "--playlist-renderings",
                "48",
                "--playlist-queue",
                "8",
                "--playlist-retained-mib",
                "4",
                "--playlist-cache-mib",
                "8");
        load(50, 40);
    }

    private static String day(int secondsShort) {
        long end = 86_400 - secondsShort;
        return String.format(
                        "/playlist/desertbus/source.m3u8?start=2019-11-13T00:00:00&end=2019-11-13T%02d:%02d:%02d",
                        end / 3600 % 24, end / 60 % 60, end % 60)
                .replace("T00:00:00&end=2019-11-13T00:00:00", "T00:00:00&end=2019-11-14T00:00:00");
    }

    private void load(int count, int wholeAtLeast) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(count + 1);
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger scrapes = new AtomicInteger();
        AtomicInteger unanswered = new AtomicInteger();
        AtomicLong slowestScrapeMillis = new AtomicLong();
        List<Long> scrapeMillis = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            Future<?> scraper = clients.submit(() -> {
                while (loading.get()) {
                    long t = System.nanoTime();
                    HttpResponse<String> r = child.get("/metrics", Duration.ofSeconds(5));
                    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t);
                    slowestScrapeMillis.accumulateAndGet(millis, Math::max);
                    scrapeMillis.add(millis);
                    if (r == null || r.statusCode() != 200) {
                        unanswered.incrementAndGet();
                    }
                    scrapes.incrementAndGet();
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            List<Future<RawClient.Response>> replies = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String target = day(i + 1);
                replies.add(clients.submit(() -> {
                    try (RawClient c = RawClient.getSlowly(child.port(), target, 32 * 1024, 10)) {
                        return c.readAll();
                    }
                }));
            }
            int whole = 0;
            int busy = 0;
            for (Future<RawClient.Response> f : replies) {
                RawClient.Response r = f.get(170, TimeUnit.SECONDS);
                assertThat(r.status()).as(r.headers()).isIn(200, 503);
                if (r.status() == 200) {
                    assertThat(r.text()).startsWith("#EXTM3U\n").endsWith("#EXT-X-ENDLIST\n");
                    whole++;
                } else {
                    busy++;
                }
            }
            loading.set(false);
            scraper.get(10, TimeUnit.SECONDS);
            List<Long> sorted = scrapeMillis.stream().sorted().toList();
            System.out.printf(
                    "many playlists: %d whole, %d busy (503); %d scrapes, median %d ms, slowest %d ms, %d over 200 ms;"
                            + " child RSS %d MiB%n",
                    whole,
                    busy,
                    scrapes.get(),
                    sorted.get(sorted.size() / 2),
                    slowestScrapeMillis.get(),
                    sorted.stream().filter(m -> m > 200).count(),
                    child.rssKib() / 1024);
            assertThat(whole).isGreaterThanOrEqualTo(wholeAtLeast);
            assertThat(scrapes.get()).isGreaterThan(0);
            assertThat(unanswered.get())
                    .as("/metrics scrapes not answered within 5 s")
                    .isZero();
        } finally {
            loading.set(false);
            clients.shutdownNow();
        }
        assertThat(child.alive()).isTrue();
        assertThat(child.log()).doesNotContain("OutOfMemoryError");
        HttpResponse<String> after = child.get(day(count + 1), Duration.ofSeconds(60));
        assertThat(after).isNotNull();
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).endsWith("#EXT-X-ENDLIST\n");
    }
}
