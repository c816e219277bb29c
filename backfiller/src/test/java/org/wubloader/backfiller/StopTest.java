package org.wubloader.backfiller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.backfiller.testing.Harness;
import org.wubloader.backfiller.testing.PeerServer;
import org.wubloader.backfiller.testing.TestConfig;
import org.wubloader.common.process.ServiceRuntime;
import org.wubloader.common.testing.SegmentTree;

/** Stopping mid-download (stop() in-process, SIGTERM to a real process) aborts downloads and removes their temp files. */
class StopTest {
    @TempDir
    Path tmp;

    private Vertx peersVertx;
    private PeerServer peer;
    private Path local;

    @BeforeEach
    void setUp() throws Exception {
        peersVertx = Vertx.vertx();
        Path remote = Files.createDirectories(tmp.resolve("remote"));
        local = Files.createDirectories(tmp.resolve("local"));
        new SegmentTree(remote).run("desertbus", "source", SegmentTree.at("2019-11-13T02:00:00"), 4, 2.0, 512 * 1024);
        peer = PeerServer.start(peersVertx, remote);
        peer.fault(path -> true, PeerServer.Fault.STALL_BODY);
    }

    @AfterEach
    void tearDown() {
        peer.close();
        peersVertx.close().await();
    }

    @Test
    void stopAbortsStalledDownloadsAndRemovesTheirTempFiles() throws Exception {
        BackfillerConfig config = TestConfig.builder(local)
                .peer("peer", peer.url())
                .timing(TestConfig.FAST.withStallTimeout(Duration.ofMinutes(5)))
                .build();
        ServiceRuntime runtime = ServiceRuntime.embedded("backfiller", local);
        try {
            Backfiller backfiller = new Backfiller(config, runtime.vertx(), runtime.registry());
            backfiller.start();
            await().atMost(10, TimeUnit.SECONDS)
                    .until(() -> Harness.tempFiles(local).size() == 3);
            assertThat(Harness.metric(
                            runtime.registry().scrape(),
                            "backfill_downloads_in_flight",
                            "remote=\"" + peer.url() + "\""))
                    .isEqualTo(3);

            long started = System.nanoTime();
            backfiller.stop();
            long tookMillis = (System.nanoTime() - started) / 1_000_000;

            assertThat(Harness.tempFiles(local)).isEmpty();
            assertThat(Harness.allFiles(local)).isEmpty();
            assertThat(tookMillis).as("stop is bounded").isLessThan(Backfiller.STOP_MILLIS + 2_000);
            assertThat(Harness.metric(
                            runtime.registry().scrape(),
                            "backfill_downloads_in_flight",
                            "remote=\"" + peer.url() + "\""))
                    .isZero();
        } finally {
            runtime.close();
        }
    }

    @Test
    void sigtermStopsTheProcessWithStatusZeroAndNoTempFiles() throws Exception {
        List<String> command =
                Harness.childCommand(List.of(), Harness.childArgs(local, peer.url(), "--stall-timeout", "300"));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("backfiller.log").toFile())
                .start();
        try {
            await().atMost(30, TimeUnit.SECONDS)
                    .until(() -> Harness.tempFiles(local).size() == 4);

            process.destroy(); // SIGTERM

            assertThat(process.waitFor(20, TimeUnit.SECONDS))
                    .as("exited within 20 s")
                    .isTrue();
            assertThat(process.exitValue()).isZero();
            assertThat(Harness.tempFiles(local)).isEmpty();
            assertThat(Files.readString(tmp.resolve("backfiller.log"))).contains("backfiller stopped");
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
