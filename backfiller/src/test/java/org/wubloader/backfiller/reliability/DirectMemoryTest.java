package org.wubloader.backfiller.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.backfiller.testing.Harness;
import org.wubloader.backfiller.testing.PeerServer;
import org.wubloader.common.segment.SegmentHash;
import org.wubloader.common.segment.SegmentPath;
import org.wubloader.common.testing.SegmentTree;

/**
 * Every way a segment download can end releases the direct memory its body was read into. The
 * incident: every 404/500/302 kept one 256 KiB read buffer until the backfiller could allocate
 * nothing, listings included. Here a real backfiller process with a 16 MiB direct-memory cap
 * meets far more failing downloads of each kind (404, 500, 302, wrong bytes, truncated,
 * stalled, slow drip, endless and declared too large) than that cap holds, then an hour of good segments:
 * those must all arrive.
 */
@Tag("reliability")
class DirectMemoryTest {
    private static final long BAD_HOUR = SegmentTree.at("2019-11-13T02:00:00");
    private static final long GOOD_HOUR = SegmentTree.at("2019-11-13T01:00:00");
    private static final long STEP = 2_000_000L;
    /** Segments per failure kind; 64 × 256 KiB alone fill the cap. */
    private static final int PER_KIND = 70;

    @TempDir
    Path tmp;

    private Vertx peerVertx;
    private PeerServer peer;
    private Path local;
    private List<Path> good;

    @BeforeEach
    void setUp() throws Exception {
        peerVertx = Vertx.vertx();
        Path remote = Files.createDirectories(tmp.resolve("remote"));
        local = Files.createDirectories(tmp.resolve("local"));
        SegmentTree tree = new SegmentTree(remote);
        PeerServer.Fault[] kinds = {
            PeerServer.Fault.STATUS_404,
            PeerServer.Fault.STATUS_500,
            PeerServer.Fault.REDIRECT_302,
            PeerServer.Fault.WRONG_BYTES,
            PeerServer.Fault.TRUNCATE,
            PeerServer.Fault.STALL_BODY,
            PeerServer.Fault.SLOW_DRIP,
            PeerServer.Fault.ENDLESS,
            PeerServer.Fault.HUGE_LENGTH
        };
        List<Path> bad = tree.run("desertbus", "source", BAD_HOUR, PER_KIND * kinds.length, 2.0, 32 * 1024);
        peer = PeerServer.start(peerVertx, remote);
        for (int k = 0; k < kinds.length; k++) {
            Set<String> names = new HashSet<>();
            // Stalls and drips cost a timeout each: a few are enough to show they release too.
            boolean slow = kinds[k] == PeerServer.Fault.STALL_BODY || kinds[k] == PeerServer.Fault.SLOW_DRIP;
            int count = slow ? 10 : PER_KIND;
            for (int i = 0; i < count; i++) {
                names.add(tree.relative(bad.get(k * PER_KIND + i)));
            }
            peer.fault(names::contains, kinds[k]);
        }
        good = tree.run("desertbus", "source", GOOD_HOUR, 20, 2.0, 256 * 1024);
    }

    @AfterEach
    void tearDown() {
        peer.close();
        peerVertx.close().await();
    }

    @Test
    void failedDownloadsOfEveryKindReleaseTheirDirectMemory() throws Exception {
        Path log = tmp.resolve("backfiller.log");
        Process process = runToTheEnd(backfiller("-XX:MaxDirectMemorySize=16m"), log, 120);
        assertNoneRanOutAndGoodArrived(Files.readString(log));
        assertThat(process.exitValue()).as("the failures fail the pass").isEqualTo(1);
        assertThat(peer.segmentRequests()).isGreaterThanOrEqualTo(7 * PER_KIND + 2 * 10 + good.size());
    }

    @Test
    void aSlowDripDoesNotPinAReadBufferPerByte() throws Exception {
        // Every byte of a drip arrives in a read of its own; five drips at a time for 3 s each
        // would pin 5 × 30 × 256 KiB, far above the cap, if each byte kept its read buffer.
        Path dripBase = Files.createDirectories(tmp.resolve("drip"));
        SegmentTree tree = new SegmentTree(dripBase);
        tree.run("desertbus", "source", BAD_HOUR, 10, 2.0, 32 * 1024);
        good = tree.run("desertbus", "source", GOOD_HOUR, 5, 2.0, 256 * 1024);
        peer.close();
        peer = PeerServer.start(peerVertx, dripBase);
        peer.fault(path -> path.contains("T02/"), PeerServer.Fault.SLOW_DRIP);
        Path log = tmp.resolve("drip.log");
        List<String> command = new java.util.ArrayList<>(backfiller("-XX:MaxDirectMemorySize=16m"));
        command.set(command.indexOf("--download-timeout") + 1, "3");
        runToTheEnd(command, log, 60);
        assertNoneRanOutAndGoodArrived(Files.readString(log));
    }

    /** Runs a --run-once child with its output in {@code log}; fails if it has not ended in time. */
    private static Process runToTheEnd(List<String> command, Path log, int seconds) throws Exception {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            assertThat(process.waitFor(seconds, TimeUnit.SECONDS))
                    .as("--run-once ended")
                    .isTrue();
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return process;
    }

    private void assertNoneRanOutAndGoodArrived(String output) throws Exception {
        List<String> outOfMemory = output.lines()
                .filter(l -> l.contains("OutOfDirectMemoryError")
                        || l.contains("failed to allocate")
                        || l.contains("direct buffer memory"))
                .toList();
        assertThat(outOfMemory.size())
                .as(
                        "lines reporting exhausted direct memory, first: %s",
                        outOfMemory.isEmpty() ? "" : outOfMemory.get(0))
                .isZero();
        for (Path segment : good) {
            Path copy = local.resolve(peer.baseDir().relativize(segment));
            assertThat(copy).exists();
            assertThat(SegmentPath.parse(copy.getFileName().toString()).hash())
                    .isEqualTo(SegmentHash.of(Files.readAllBytes(copy)));
        }
        assertThat(Harness.tempFiles(local)).isEmpty();
    }

    private List<String> backfiller(String... jvmOptions) {
        return Harness.childCommand(
                List.of(jvmOptions),
                Harness.childArgs(
                        local,
                        peer.url(),
                        "--run-once",
                        "--stall-timeout",
                        "1",
                        "--download-timeout",
                        "2",
                        "--max-segment-bytes",
                        "300000"));
    }
}
