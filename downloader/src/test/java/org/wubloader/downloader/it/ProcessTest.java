package org.wubloader.downloader.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.SegmentHash;
import org.wubloader.common.segment.SegmentPath;
import org.wubloader.common.segment.SegmentType;

/** The downloader as a real child process: killed with -9 mid-download, and stopped with SIGTERM. */
class ProcessTest {
    private static final int CHUNK = 64 * 1024;

    @TempDir
    Path base;

    @TempDir
    Path logs;

    private Vertx originVertx;
    private TestOrigin origin;
    private final List<Process> children = new ArrayList<>();
    private final Set<String> servedHashes = new HashSet<>();
    private final AtomicInteger run = new AtomicInteger();

    @BeforeEach
    void startOrigin() throws Exception {
        originVertx = Vertx.vertx();
        origin = TestOrigin.start(originVertx);
        origin.playlist("/master.m3u8", () -> Media.master("media.m3u8"));
    }

    @AfterEach
    void stop() throws Exception {
        for (Process child : children) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        origin.close();
        originVertx.close().await(10, TimeUnit.SECONDS);
    }

    /**
     * Each run lists its own {@code count} segments; segment i has {@code (i + 1) * step}
     * bytes, sent 64 KiB every {@code periodMillis}, so they finish one after another.
     */
    private void servePlaylist(int count, int step, int periodMillis) {
        origin.route("/media.m3u8", req -> {
            int r = run.get();
            StringBuilder text = Media.header();
            for (int i = 0; i < count; i++) {
                Media.segment(text, 1000.0 * r + 2.0 * i, "r" + r + "s" + i + ".ts");
            }
            req.response().end(text.toString());
        });
        for (int r = 0; r < 4; r++) {
            for (int i = 0; i < count; i++) {
                byte[] bytes = Media.bytes(r * 1000 + i, (i + 1) * step);
                servedHashes.add(SegmentHash.of(bytes));
                origin.route("/r" + r + "s" + i + ".ts", req -> trickle(req, bytes, periodMillis));
            }
        }
    }

    /** Sends the body slowly, so that downloads are in flight when the process is stopped. */
    private void trickle(HttpServerRequest req, byte[] bytes, int periodMillis) {
        req.response().putHeader("Content-Length", Integer.toString(bytes.length));
        AtomicInteger sent = new AtomicInteger();
        originVertx.setPeriodic(periodMillis, id -> {
            int from = sent.get();
            if (from >= bytes.length || req.response().closed()) {
                originVertx.cancelTimer(id);
                return;
            }
            int to = Math.min(bytes.length, from + CHUNK);
            sent.set(to);
            if (to == bytes.length) {
                req.response().end(Buffer.buffer(bytes).slice(from, to));
                originVertx.cancelTimer(id);
            } else {
                req.response().write(Buffer.buffer(bytes).slice(from, to));
            }
        });
    }

    private Process startChild(String... extra) throws Exception {
        List<String> command = ChildDownloader.command(base, origin.uri("/master.m3u8"), List.of(), extra);
        Process child = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(
                        logs.resolve("child-" + children.size() + ".log").toFile())
                .start();
        children.add(child);
        return child;
    }

    private List<Segment> onDisk(SegmentType type) {
        return Harness.tsFiles(base.resolve("db/source")).stream()
                .map(p -> SegmentPath.parse(p.getFileName().toString()))
                .filter(s -> s.type() == type)
                .toList();
    }

    private void assertEveryPublishedFileIsWhole() {
        Harness.assertNamesAreHashes(Harness.tsFiles(base));
        for (Segment full : onDisk(SegmentType.FULL)) {
            assertThat(servedHashes)
                    .as("full file %s is a served segment", full.path())
                    .contains(full.hash());
        }
    }

    @Test
    void killDashNineNeverLeavesATruncatedFileUnderAFinalName() throws Exception {
        servePlaylist(12, 512 << 10, 20); // 0.5 to 6 MiB at 3.2 MiB/s each, 12 at once
        for (int r = 0; r < 3; r++) {
            run.set(r);
            int before = onDisk(SegmentType.FULL).size();
            Process child = startChild();
            // Kill once this run has published something and more is still arriving.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> onDisk(SegmentType.FULL).size() > before);
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertEveryPublishedFileIsWhole();
        }
        assertThat(onDisk(SegmentType.FULL)).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void sigtermStopsWithinTwentySecondsKeepingWhatArrivedAndLeavingNoTempFiles() throws Exception {
        servePlaylist(3, 6 << 20, 200); // 6 to 18 MiB at 320 KiB/s: longer than the 15 s grace
        Process child = startChild();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> onDisk(SegmentType.TEMP).size() == 3);
        long stopAt = System.nanoTime();
        child.destroy(); // SIGTERM
        assertThat(child.waitFor(20, TimeUnit.SECONDS)).as("exited within 20 s").isTrue();
        assertThat(child.exitValue()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - stopAt)).isLessThan(Duration.ofSeconds(20));
        assertThat(onDisk(SegmentType.TEMP)).isEmpty();
        assertThat(onDisk(SegmentType.PARTIAL)).hasSize(3);
        Harness.assertNamesAreHashes(Harness.tsFiles(base));
    }
}
