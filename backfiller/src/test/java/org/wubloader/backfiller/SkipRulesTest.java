package org.wubloader.backfiller;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.backfiller.testing.Harness;
import org.wubloader.backfiller.testing.PeerServer;
import org.wubloader.backfiller.testing.TestConfig;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.common.time.HourNames;
import org.wubloader.common.time.Micros;

/** The skip rules and --start, end to end over HTTP: what is left alone, what is fetched. */
class SkipRulesTest {
    @TempDir
    Path tmp;

    private Vertx peersVertx;
    private PeerServer peer;
    private SegmentTree remote;
    private SegmentTree local;

    @BeforeEach
    void setUp() throws Exception {
        peersVertx = Vertx.vertx();
        remote = new SegmentTree(Files.createDirectories(tmp.resolve("remote")));
        local = new SegmentTree(Files.createDirectories(tmp.resolve("local")));
        peer = PeerServer.start(peersVertx, remote.baseDir());
    }

    @AfterEach
    void tearDown() {
        peer.close();
        peersVertx.close().await();
    }

    private BackfillerConfig.Builder config() {
        return TestConfig.builder(local.baseDir()).peer("peer", peer.url());
    }

    private boolean hasLocally(Path remoteFile) {
        return Files.exists(local.baseDir().resolve(remote.relative(remoteFile)));
    }

    @Test
    void segmentsYoungerThanTheRecentCutoffAreLeftToTheDownloader() throws Exception {
        long now = Micros.now();
        Path young = remote.full("desertbus", "source", now - 10_000_000L, 2.0);
        Path old = remote.full("desertbus", "source", now - 300_000_000L, 2.0);

        assertThat(Harness.runOnce(
                                config().recentCutoff(Duration.ofSeconds(120)).build())
                        .ok())
                .isTrue();
        assertThat(hasLocally(old)).isTrue();
        assertThat(hasLocally(young)).isFalse();

        assertThat(Harness.runOnce(config().recentCutoff(Duration.ZERO).build()).ok())
                .isTrue();
        assertThat(hasLocally(young)).isTrue();
    }

    @Test
    void aSegmentWeHaveUnderAStartAtMostOneMillisecondAwayIsNotFetched() throws Exception {
        long t = SegmentTree.at("2019-11-13T02:10:00");
        byte[] bytes = SegmentTree.content(t, 500, 0);
        local.write("desertbus", "source", t, 2.0, SegmentType.FULL, bytes);
        Path oneMsLater = remote.write("desertbus", "source", t + 1_000, 2.0, SegmentType.FULL, bytes);
        Path twoMsLater = remote.write("desertbus", "source", t + 2_000, 2.0, SegmentType.FULL, bytes);
        Path otherType = remote.write("desertbus", "source", t + 500, 2.0, SegmentType.SUSPECT, bytes);

        Harness.Run run = Harness.runOnce(config().build());
        assertThat(run.ok()).isTrue();

        assertThat(hasLocally(oneMsLater)).isFalse();
        assertThat(hasLocally(twoMsLater)).isTrue();
        assertThat(hasLocally(otherType)).isTrue();
        // the original's gauge, labelled with the peer's URL
        assertThat(run.metric(
                        "small_difference_segments",
                        "remote=\"" + peer.url() + "\"",
                        "channel=\"desertbus\"",
                        "quality=\"source\"",
                        "hour=\"2019-11-13T02\""))
                .isEqualTo(1);
    }

    @Test
    void startAsHoursAgoSkipsOlderHours() throws Exception {
        long now = Micros.now();
        Path fiveHoursAgo = remote.full("desertbus", "source", now - 5 * HourNames.MICROS_PER_HOUR, 2.0);
        Path oneHourAgo = remote.full("desertbus", "source", now - HourNames.MICROS_PER_HOUR, 2.0);

        assertThat(Harness.runOnce(config().start("2").build()).ok()).isTrue();

        assertThat(hasLocally(oneHourAgo)).isTrue();
        assertThat(hasLocally(fiveHoursAgo)).isFalse();
        assertThat(Harness.allFiles(local.baseDir()).keySet())
                .noneMatch(p -> p.contains(HourNames.format(now - 5 * HourNames.MICROS_PER_HOUR)));
    }

    @Test
    void startAsATimestampSkipsHoursBeforeItsHour() throws Exception {
        Path before = remote.full("desertbus", "source", SegmentTree.at("2019-11-13T01:59:58"), 2.0);
        Path sameHour = remote.full("desertbus", "source", SegmentTree.at("2019-11-13T02:00:00"), 2.0);
        Path after = remote.full("desertbus", "source", SegmentTree.at("2019-11-13T05:30:00"), 2.0);

        // 02:30 in +01:00 is 01:30 UTC: its hour, 01, is included.
        assertThat(Harness.runOnce(config().start("2019-11-13T02:30:00+01:00").build())
                        .ok())
                .isTrue();
        assertThat(hasLocally(before)).isTrue();

        Files.delete(local.baseDir().resolve(remote.relative(before)));
        assertThat(Harness.runOnce(config().start("2019-11-13T02:30").build()).ok())
                .isTrue();
        assertThat(hasLocally(before)).isFalse();
        assertThat(hasLocally(sameHour)).isTrue();
        assertThat(hasLocally(after)).isTrue();
    }

    @Test
    void aTombstoneArrivingBeforeItsHourDirectoryExistsCreatesTheDirectory() throws Exception {
        Path segment = remote.full("desertbus", "source", SegmentTree.at("2019-11-13T07:12:00"), 2.0);
        Path tombstone = remote.tombstone(segment);
        Files.delete(segment);
        Path localHour = local.baseDir().resolve(remote.relative(tombstone)).getParent();
        assertThat(localHour).doesNotExist();

        Harness.Run run = Harness.runOnce(config().build());

        assertThat(run.ok()).isTrue();
        assertThat(local.baseDir().resolve(remote.relative(tombstone)))
                .isRegularFile()
                .isEmptyFile();
        assertThat(run.metric("hours_backfilled_total", "remote=\"" + peer.url() + "\""))
                .isEqualTo(1);
        assertThat(peer.segmentRequests()).isZero();
    }

    @Test
    void aTombstoneHidesOurCopyWithoutDeletingItAndStopsItComingBack() throws Exception {
        long t = SegmentTree.at("2019-11-13T02:10:00");
        Path ours = local.full("desertbus", "source", t, 2.0);
        Path theirs = remote.full("desertbus", "source", t, 2.0);
        remote.tombstone(theirs);
        Path other = remote.full("desertbus", "source", t + 2_000_000, 2.0);
        Path tombstonedHere = local.tombstone(local.full("desertbus", "source", t + 4_000_000, 2.0));
        Files.delete(local.baseDir()
                .resolve(local.relative(tombstonedHere))
                .resolveSibling(tombstonedHere.getFileName().toString().replace(".tombstone", ".ts")));
        remote.full("desertbus", "source", t + 4_000_000, 2.0);

        assertThat(Harness.runOnce(config().build()).ok()).isTrue();

        assertThat(ours).exists();
        assertThat(ours.resolveSibling(ours.getFileName().toString().replace(".ts", ".tombstone")))
                .exists();
        assertThat(hasLocally(other)).isTrue();
        // The segment we tombstoned (and deleted) does not come back from the peer.
        assertThat(tombstonedHere.resolveSibling(
                        tombstonedHere.getFileName().toString().replace(".tombstone", ".ts")))
                .doesNotExist();
    }

    @Test
    void namesSpelledDifferentlyFromOursAreFetchedAndStoredAsListed() throws Exception {
        long hour = SegmentTree.at("2019-11-13T02:00:00");
        Path hourDir = Files.createDirectories(remote.baseDir().resolve("desertbus/source/2019-11-13T02"));
        byte[] a = SegmentTree.content(hour + 500_000, 1000, 0);
        byte[] b = SegmentTree.content(hour + 10_000_000, 1000, 0);
        String aName = "00:00.5-2.0-full-" + org.wubloader.common.segment.SegmentHash.of(a) + ".ts";
        String bName = "00:10.000000-2.00-full-" + org.wubloader.common.segment.SegmentHash.of(b) + ".ts";
        Files.write(hourDir.resolve(aName), a);
        Files.write(hourDir.resolve(bName), b);

        Harness.Run first = Harness.runOnce(config().build());
        Harness.Run second = Harness.runOnce(config().build());

        assertThat(first.ok()).isTrue();
        assertThat(Harness.allFiles(local.baseDir()).keySet())
                .containsExactlyInAnyOrder(
                        "desertbus/source/2019-11-13T02/" + aName, "desertbus/source/2019-11-13T02/" + bName);
        assertThat(first.metric("segments_backfilled_total")).isEqualTo(2);
        assertThat(second.ok()).isTrue();
        assertThat(second.metric("segments_backfilled_total"))
                .as("nothing fetched again")
                .isZero();
        assertThat(peer.segmentRequests()).isEqualTo(2);
    }
}
