package org.wubloader.downloader.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.segment.Segment;
import org.wubloader.common.segment.SegmentHash;
import org.wubloader.common.segment.SegmentPath;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.downloader.it.ChildDownloader;
import org.wubloader.downloader.it.Media;
import org.wubloader.downloader.it.TestOrigin;

/**
 * The downloader's kill -9 loop of the fault campaign (issue 11): a real downloader process
 * against a local HLS origin that trickles segment bodies, killed with SIGKILL at random moments
 * while downloads are in flight. After every kill, every file under a final name hashes to its
 * name, and every {@code full} one is a whole segment the origin served.
 */
class DownloaderKillLoopTest {
    private static final int KILLS = 8;
    private static final int SEGMENTS_PER_RUN = 8;
    private static final int CHUNK = 64 * 1024;

    @TempDir
    Path base;

    @TempDir
    Path logs;

    private Vertx vertx;
    private TestOrigin origin;
    private final AtomicInteger run = new AtomicInteger();
    private final Set<String> served = ConcurrentHashMap.newKeySet();
    private Process child;

    @BeforeEach
    void startOrigin() throws Exception {
        vertx = Vertx.vertx();
        origin = TestOrigin.start(vertx);
        origin.playlist("/master.m3u8", () -> Media.master("media.m3u8"));
        origin.route("/media.m3u8", req -> {
            int r = run.get();
            StringBuilder text = Media.header();
            for (int i = 0; i < SEGMENTS_PER_RUN; i++) {
                Media.segment(text, 1000.0 * r + 2.0 * i, "r" + r + "s" + i + ".ts");
            }
            req.response().end(text.toString());
        });
        for (int r = 0; r < KILLS; r++) {
            for (int i = 0; i < SEGMENTS_PER_RUN; i++) {
                byte[] bytes = Media.bytes(r * 1000 + i, (i + 1) * 256 * 1024);
                served.add(SegmentHash.of(bytes));
                origin.route("/r" + r + "s" + i + ".ts", req -> trickle(req, bytes));
            }
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (child != null) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        origin.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    /** 64 KiB every 20 ms: a segment of n × 256 KiB takes n × 80 ms. */
    private void trickle(HttpServerRequest req, byte[] bytes) {
        req.response().putHeader("Content-Length", Integer.toString(bytes.length));
        AtomicInteger sent = new AtomicInteger();
        vertx.setPeriodic(20, id -> {
            int from = sent.get();
            if (from >= bytes.length || req.response().closed()) {
                vertx.cancelTimer(id);
                return;
            }
            int to = Math.min(bytes.length, from + CHUNK);
            sent.set(to);
            Buffer chunk = Buffer.buffer(bytes).slice(from, to);
            if (to == bytes.length) {
                req.response().end(chunk);
                vertx.cancelTimer(id);
            } else {
                req.response().write(chunk);
            }
        });
    }

    private Process startChild(int n) throws IOException {
        List<String> command =
                ChildDownloader.command(base, origin.uri("/master.m3u8"), List.of("-XX:TieredStopAtLevel=1"));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve("child-" + n + ".log").toFile())
                .start();
    }

    private List<Path> tsFiles() {
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(base)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".ts"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long count(SegmentType type) {
        return tsFiles().stream()
                .filter(p -> SegmentPath.parse(p.getFileName().toString()).type() == type)
                .count();
    }

    /** Every file under a final name is whole: its bytes hash to its name; a full one was served. */
    private void assertEveryFinalFileIsWhole() throws IOException {
        for (Path file : tsFiles()) {
            Segment segment = SegmentPath.parse(file.getFileName().toString());
            if (segment.type() == SegmentType.TEMP) {
                continue;
            }
            assertThat(SegmentHash.of(Files.readAllBytes(file)))
                    .as("%s hashes to its name", file)
                    .isEqualTo(segment.hash());
            if (segment.type() == SegmentType.FULL) {
                assertThat(served)
                        .as("full file %s is a whole served segment", file)
                        .contains(segment.hash());
            }
        }
    }

    @Test
    void killDashNineLoopNeverLeavesAFileUnderAFinalNameThatIsNotWhole() throws Exception {
        Random random = new Random(45);
        List<String> log = new ArrayList<>();
        for (int r = 0; r < KILLS; r++) {
            run.set(r);
            long before = count(SegmentType.FULL);
            child = startChild(r);
            Process running = child;
            // Kill once this run has published something, at a random moment while more is arriving.
            await().atMost(Duration.ofSeconds(60)).until(() -> count(SegmentType.FULL) > before || !running.isAlive());
            assertThat(running.isAlive())
                    .as("downloader alive before the kill: " + Files.readString(logs.resolve("child-" + r + ".log")))
                    .isTrue();
            Thread.sleep(random.nextInt(400)); // the fault's timing: anywhere in the next few writes
            running.destroyForcibly(); // SIGKILL
            assertThat(running.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertEveryFinalFileIsWhole();
            log.add(String.format(
                    "kill %d: full %d, partial %d, temp %d",
                    r + 1, count(SegmentType.FULL), count(SegmentType.PARTIAL), count(SegmentType.TEMP)));
        }
        System.out.println(
                "downloader kill -9 loop: " + KILLS + " kills, 0 corrupt final files\n  " + String.join("\n  ", log));
        assertThat(count(SegmentType.FULL)).isGreaterThanOrEqualTo(KILLS);
    }
}
