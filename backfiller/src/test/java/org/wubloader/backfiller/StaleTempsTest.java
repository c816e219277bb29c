package org.wubloader.backfiller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.backfiller.testing.Harness;
import org.wubloader.backfiller.testing.PeerServer;
import org.wubloader.backfiller.testing.TestConfig;
import org.wubloader.backfiller.worker.StaleTemps;
import org.wubloader.common.process.ServiceRuntime;
import org.wubloader.common.segment.SegmentPath;
import org.wubloader.common.testing.SegmentTree;

/** Temp files a killed backfiller left are removed; live ones and other services' temps are not. */
class StaleTempsTest {
    private static final long LISTED_HOUR = SegmentTree.at("2019-11-13T02:00:00");
    private static final long UNLISTED_HOUR = SegmentTree.at("2019-11-12T07:00:00");

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
        new SegmentTree(remote).run("desertbus", "source", LISTED_HOUR, 3, 2.0, 1000);
        peer = PeerServer.start(peersVertx, remote);
    }

    @AfterEach
    void tearDown() {
        peer.close();
        peersVertx.close().await();
    }

    private Path temp(long start, String name, Duration age) throws Exception {
        Path file = local.resolve(SegmentPath.relativePath(
                        "desertbus", "source", start, 2.0, org.wubloader.common.segment.SegmentType.FULL, "x"))
                .resolveSibling(name);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[100]);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
        return file;
    }

    @Test
    void ourTempsOlderThanTheDownloadTimeoutGoOthersStay() throws Exception {
        Path oldOurs = temp(
                LISTED_HOUR,
                SegmentPath.tempFileName(LISTED_HOUR + 40_000_000, 2.0, StaleTemps.TAG),
                Duration.ofMinutes(10));
        Path oldOursUnlistedHour = temp(
                UNLISTED_HOUR, SegmentPath.tempFileName(UNLISTED_HOUR, 2.0, StaleTemps.TAG), Duration.ofMinutes(10));
        Path freshOurs = temp(
                LISTED_HOUR,
                SegmentPath.tempFileName(LISTED_HOUR + 60_000_000, 2.0, StaleTemps.TAG),
                Duration.ofSeconds(1));
        Path oldDownloaders =
                temp(LISTED_HOUR, SegmentPath.tempFileName(LISTED_HOUR + 80_000_000, 2.0), Duration.ofMinutes(10));

        Path oldTombstoneTemp = temp(
                LISTED_HOUR,
                "00:20.000000-2.0-full-x.tombstone.0f0e1c5e-1111-2222-3333-444455556666.temp",
                Duration.ofMinutes(10));
        Files.createDirectories(local.resolve("maps/a"));
        Path oldExtraTemp =
                Files.write(local.resolve("maps/a/m.png.0f0e1c5e-1111-2222-3333-444455556666.temp"), new byte[1]);
        Files.setLastModifiedTime(oldExtraTemp, FileTime.from(Instant.now().minus(Duration.ofMinutes(10))));
        Path freshExtraTemp =
                Files.write(local.resolve("maps/a/n.png.1f0e1c5e-1111-2222-3333-444455556666.temp"), new byte[1]);
        Files.createDirectories(tmp.resolve("remote/maps"));

        Harness.Run run = Harness.runOnce(TestConfig.builder(local)
                .peer("peer", peer.url())
                .extras("maps")
                .timing(TestConfig.FAST.withDownloadTimeout(Duration.ofMinutes(5)))
                .build());

        assertThat(run.ok()).isTrue();
        assertThat(oldTombstoneTemp).as("a tombstone write that died").doesNotExist();
        assertThat(oldExtraTemp).as("an extras write that died").doesNotExist();
        assertThat(freshExtraTemp).exists();
        assertThat(oldOurs).doesNotExist();
        assertThat(oldOursUnlistedHour)
                .as("swept at start, though no peer lists its hour")
                .doesNotExist();
        assertThat(freshOurs).as("may be a live download of another backfiller").exists();
        assertThat(oldDownloaders)
                .as("the downloader's temps are its own business")
                .exists();
        assertThat(Harness.visibleTree(local)).hasSize(3);
    }

    @Test
    void eachPassSweepsTheHoursItVisits() throws Exception {
        BackfillerConfig config = TestConfig.builder(local)
                .peer("peer", peer.url())
                .timing(TestConfig.FAST.withDownloadTimeout(Duration.ofMinutes(5)))
                .build();
        ServiceRuntime runtime = ServiceRuntime.embedded("backfiller", local);
        try {
            Backfiller backfiller = new Backfiller(config, runtime.vertx(), runtime.registry());
            backfiller.start();
            await().atMost(10, TimeUnit.SECONDS)
                    .until(() -> Harness.visibleTree(local).size() == 3);
            Path leftover = temp(
                    LISTED_HOUR,
                    SegmentPath.tempFileName(LISTED_HOUR + 40_000_000, 2.0, StaleTemps.TAG),
                    Duration.ofMinutes(10));

            await().atMost(10, TimeUnit.SECONDS).until(() -> !Files.exists(leftover));
            backfiller.stop();
        } finally {
            runtime.close();
        }
    }
}
