package org.wubloader.backfiller.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.backfiller.testing.Harness;
import org.wubloader.backfiller.testing.PeerServer;
import org.wubloader.common.segment.SegmentHash;
import org.wubloader.common.segment.SegmentPath;
import org.wubloader.common.testing.SegmentTree;

/**
 * kill -9 in the middle of a backfill, again and again: after every kill, every file under a
 * final name hashes to its name (nothing truncated or corrupt is ever published); in the end a
 * backfiller left running makes a complete, byte-identical copy and removes every temp file the
 * kills left behind.
 */
@Tag("reliability")
class KillLoopTest {
    private static final Logger log = LoggerFactory.getLogger(KillLoopTest.class);
    private static final int KILLS = 12;
    private static final int SEGMENTS_PER_HOUR = 60;
    private static final int SEGMENT_BYTES = 128 * 1024;

    @TempDir
    Path tmp;

    private Vertx peerVertx;
    private PeerServer peer;
    private Path remote;
    private Path local;
    private final List<Process> children = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        peerVertx = Vertx.vertx();
        remote = Files.createDirectories(tmp.resolve("remote"));
        local = Files.createDirectories(tmp.resolve("local"));
        SegmentTree tree = new SegmentTree(remote);
        tree.run("desertbus", "source", SegmentTree.at("2019-11-13T01:00:00"), SEGMENTS_PER_HOUR, 2.0, SEGMENT_BYTES);
        tree.run("desertbus", "source", SegmentTree.at("2019-11-13T02:00:00"), SEGMENTS_PER_HOUR, 2.0, SEGMENT_BYTES);
        // About 800 KB/s per download: slow enough that kills land in the middle of bodies.
        peer = PeerServer.start(peerVertx, remote).throttle(16 * 1024, 20);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Process p : children) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        peer.close();
        peerVertx.close().await();
    }

    @Test
    void killedBackfillersNeverPublishABadFileAndTheCopyEndsComplete() throws Exception {
        Random random = new Random(42);
        int killsWithTempsLeft = 0;
        int tempsLeftMax = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            int before = finalSegments().size();
            int more = 1 + random.nextInt(6);
            Process child = start(kill);
            // Kill once a few more segments have arrived (or at once, if the copy is complete).
            await().atMost(30, TimeUnit.SECONDS)
                    .pollInterval(20, TimeUnit.MILLISECONDS)
                    .until(() -> finalSegments().size() >= Math.min(before + more, 2 * SEGMENTS_PER_HOUR));
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

            List<String> bad = badFinalFiles();
            assertThat(bad)
                    .as("files under a final name whose bytes do not match it, after kill %d", kill)
                    .isEmpty();
            int temps = Harness.tempFiles(local).size();
            if (temps > 0) {
                killsWithTempsLeft++;
            }
            tempsLeftMax = Math.max(tempsLeftMax, temps);
        }
        log.info(
                "{} kills: {} left temp files (at most {}), {} of {} segments copied by then",
                KILLS,
                killsWithTempsLeft,
                tempsLeftMax,
                finalSegments().size(),
                2 * SEGMENTS_PER_HOUR);
        assertThat(killsWithTempsLeft)
                .as("kills that landed in the middle of a download")
                .isPositive();

        Process last = start(KILLS + 1);
        await().atMost(60, TimeUnit.SECONDS)
                .pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> Harness.visibleTree(local).equals(Harness.visibleTree(remote))
                        && Harness.tempFiles(local).isEmpty());
        last.destroy(); // SIGTERM
        assertThat(last.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(last.exitValue()).isZero();

        assertThat(Harness.allFiles(local)).isEqualTo(Harness.allFiles(remote));
        for (String relative : Harness.allFiles(remote).keySet()) {
            assertThat(Files.mismatch(remote.resolve(relative), local.resolve(relative)))
                    .as(relative)
                    .isEqualTo(-1L);
        }
    }

    private Process start(int life) throws IOException {
        List<String> command = Harness.childCommand(
                // Start-up dominates each short life on two shared cores: C1 only, one GC thread.
                List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                Harness.childArgs(
                        local,
                        peer.url(),
                        "--download-concurrency",
                        "3",
                        "--pass-interval",
                        "1",
                        "--stall-timeout",
                        "2",
                        // Also the age at which the kills' temp files are swept: keep it short here.
                        "--download-timeout",
                        "4"));
        Process child = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("backfiller-" + life + ".log").toFile())
                .start();
        children.add(child);
        return child;
    }

    private TreeSet<String> finalSegments() {
        TreeSet<String> out = new TreeSet<>(Harness.visibleTree(local));
        out.removeIf(p -> !p.endsWith(SegmentPath.EXTENSION));
        return out;
    }

    private List<String> badFinalFiles() {
        List<String> bad = new ArrayList<>();
        for (String relative : finalSegments()) {
            try {
                byte[] bytes = Files.readAllBytes(local.resolve(relative));
                if (!SegmentPath.parse(relative).hash().equals(SegmentHash.of(bytes))) {
                    bad.add(relative + " (" + bytes.length + " bytes)");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bad;
    }
}
