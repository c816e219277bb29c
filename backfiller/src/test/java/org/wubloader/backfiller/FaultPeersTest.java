package org.wubloader.backfiller;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wubloader.backfiller.testing.Harness;
import org.wubloader.backfiller.testing.PeerServer;
import org.wubloader.backfiller.testing.TestConfig;
import org.wubloader.common.testing.SegmentTree;

/**
 * A misbehaving peer beside a good one: nothing bad or temporary is left behind, and the good
 * peer's segments all arrive. Part of the reliability suite: every fault a hostile or broken
 * peer was seen to produce (wrong bytes, truncated, stalled, slow drip, endless, 404/500/302,
 * traversal names, a huge listing).
 */
@Tag("reliability")
class FaultPeersTest {
    private static final long HOUR = SegmentTree.at("2019-11-13T02:00:00");
    private static final long STEP = 2_000_000L;

    @TempDir
    Path tmp;

    private Vertx peersVertx;
    private PeerServer good;
    private PeerServer bad;
    private Path local;
    private List<Path> goodSegments;
    private List<Path> badSegments;

    @BeforeEach
    void setUp() throws Exception {
        peersVertx = Vertx.vertx();
        Path goodBase = Files.createDirectories(tmp.resolve("good"));
        Path badBase = Files.createDirectories(tmp.resolve("bad"));
        local = Files.createDirectories(tmp.resolve("local"));
        goodSegments = new SegmentTree(goodBase).run("desertbus", "source", HOUR, 6, 2.0, 64 * 1024);
        badSegments = new SegmentTree(badBase).run("desertbus", "source", HOUR + 100 * STEP, 3, 2.0, 256 * 1024);
        good = PeerServer.start(peersVertx, goodBase);
        bad = PeerServer.start(peersVertx, badBase);
    }

    @AfterEach
    void tearDown() {
        good.close();
        bad.close();
        peersVertx.close().await();
    }

    /** The bad peer's URL in the last run: the metrics' remote label (the original's). */
    private String badUrl;

    private String remote(String peerName) {
        return "remote=\"" + (peerName.equals("good") ? good.url() : badUrl) + "\"";
    }

    /** The remote label of a peer at {@code url} (the metrics name peers by URL, not by name). */
    private static String remoteAt(String url) {
        return "remote=\"" + url + "\"";
    }

    private Harness.Run runAgainst(String badUrl) throws InterruptedException {
        this.badUrl = badUrl;
        return Harness.runOnce(TestConfig.builder(local)
                .peer("good", good.url())
                .peer("bad", badUrl)
                .build());
    }

    private void assertGoodArrivedAndNothingElse() {
        List<String> files = Harness.allFiles(local).keySet().stream().sorted().collect(Collectors.toList());
        List<String> expected = goodSegments.stream()
                .map(p -> tmp.resolve("good").relativize(p).toString())
                .sorted()
                .collect(Collectors.toList());
        assertThat(files).isEqualTo(expected);
        assertThat(Harness.tempFiles(local)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(
            value = PeerServer.Fault.class,
            names = {"STATUS_404", "STATUS_500", "REDIRECT_302", "TRUNCATE", "STALL_BODY", "STALL_HEADERS"})
    void failingDownloadsLeaveNoFileAndFailThePass(PeerServer.Fault fault) throws Exception {
        bad.fault(path -> true, fault);

        Harness.Run run = runAgainst(bad.url());

        assertGoodArrivedAndNothingElse();
        assertThat(run.ok()).isFalse();
        assertThat(run.metric("backfill_errors_total", remote("bad"))).isEqualTo(1);
        assertThat(run.metric("backfill_errors_total", remote("good"))).isZero();
        assertThat(run.metric("segments_backfilled_total", remote("good"))).isEqualTo(6);
        assertThat(run.metric("segments_backfilled_total", remote("bad"))).isZero();
    }

    @Test
    void bytesThatDoNotMatchTheHashAreDiscardedAndCounted() throws Exception {
        bad.fault(path -> true, PeerServer.Fault.WRONG_BYTES);

        Harness.Run run = runAgainst(bad.url());

        assertGoodArrivedAndNothingElse();
        assertThat(run.metric("hash_mismatches_total", remote("bad"), "hour=\"2019-11-13T02\""))
                .isEqualTo(3);
        assertThat(run.metric("backfill_bytes_total", remote("good"))).isEqualTo(6 * 64 * 1024);
        // A peer's bad copy is its problem, not a reason to hammer it sooner: the pass succeeds.
        assertThat(run.ok()).isTrue();
    }

    @Test
    void aPeerThatIsDownFailsOnlyItsOwnPass() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }

        Harness.Run run = runAgainst("http://127.0.0.1:" + closedPort);

        assertGoodArrivedAndNothingElse();
        assertThat(run.ok()).isFalse();
        assertThat(run.metric("backfill_errors_total", remote("bad"))).isEqualTo(1);
    }

    @Test
    void failingListingsFailThePassWithoutTouchingDisk() throws Exception {
        bad.listingsFail();

        Harness.Run run = runAgainst(bad.url());

        assertGoodArrivedAndNothingElse();
        assertThat(run.ok()).isFalse();
        assertThat(bad.segmentRequests()).isZero();
    }

    @Test
    void aListingThatIsNotAJsonArrayOfNamesFailsTheUnit() throws Exception {
        bad.overrideListing("/files/desertbus/source", "{\"not\": \"a list\"}");

        Harness.Run run = runAgainst(bad.url());

        assertGoodArrivedAndNothingElse();
        assertThat(run.ok()).isFalse();
    }

    @Test
    void namesThatTryToLeaveTheHourDirectoryAreIgnored() throws Exception {
        bad.overrideListing("/files/desertbus/source", "[\"2019-11-13T02\", \"..\", \"../../etc\"]");
        bad.overrideListing(
                "/files/desertbus/source/2019-11-13T02",
                "[\"../../../escape-2.0-full-AAAA.ts\", \".hidden.ts\", \"00:00.000000-2.0-full-bad/name.ts\"]");

        Harness.Run run = runAgainst(bad.url());

        assertGoodArrivedAndNothingElse();
        assertThat(Harness.allFiles(tmp).keySet()).noneMatch(p -> p.contains("escape"));
        assertThat(bad.segmentRequests()).isZero();
        assertThat(run.ok()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(
            value = PeerServer.Fault.class,
            names = {"ENDLESS", "HUGE_LENGTH"})
    void aBodyBeyondTheMaximumSizeIsAbandonedAndCounted(PeerServer.Fault fault) throws Exception {
        bad.fault(path -> true, fault);

        Harness.Run run = Harness.runOnce(TestConfig.builder(local)
                .peer("good", good.url())
                .peer("bad", bad.url())
                .maxSegmentBytes(1024 * 1024)
                .build());

        assertGoodArrivedAndNothingElse();
        assertThat(run.ok()).isFalse();
        assertThat(run.metric("backfill_downloads_abandoned_total", remoteAt(bad.url()), "reason=\"too_large\""))
                .isEqualTo(3);
        assertThat(run.metric("hash_mismatches_total")).isZero();
    }

    @Test
    void aPeerThatDripsJustFastEnoughToNeverStallIsAbandonedAtTheDownloadTimeout() throws Exception {
        bad.fault(path -> true, PeerServer.Fault.SLOW_DRIP);
        // One byte per 100 ms never trips a 1 s stall timeout; 256 KiB would take 7 hours.
        long started = System.nanoTime();

        Harness.Run run = Harness.runOnce(TestConfig.builder(local)
                .peer("good", good.url())
                .peer("bad", bad.url())
                .timing(TestConfig.FAST.withDownloadTimeout(java.time.Duration.ofSeconds(2)))
                .build());

        assertGoodArrivedAndNothingElse();
        assertThat(run.ok()).isFalse();
        assertThat(run.metric("backfill_downloads_abandoned_total", remoteAt(bad.url()), "reason=\"timeout\""))
                .isEqualTo(3);
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(java.time.Duration.ofSeconds(20));
    }

    @Test
    void everyResponseSizeIsRecorded() throws Exception {
        Harness.Run run = runAgainst(bad.url());

        assertThat(run.metric("http_client_response_size_count", "name=\"get_remote_segment\""))
                .isEqualTo(6 + 3);
        assertThat(run.metric("http_client_response_size_sum", "name=\"get_remote_segment\"", "status=\"200\""))
                .isEqualTo(6 * 64 * 1024 + 3 * 256 * 1024);
    }

    @Test
    void aListingLargerThanAnyRealOneFailsTheUnitWithoutExhaustingMemory() throws Exception {
        StringBuilder huge = new StringBuilder("[");
        String name = "\"00:00.000000-2.0-full-7IS92rssMzoSBQDIevHStbTNy-URRV3Vw-jzZ6pwOZM.ts\"";
        while (huge.length() < 40 * 1024 * 1024) {
            huge.append(name).append(',');
        }
        huge.append(name).append(']');
        bad.overrideListing("/files/desertbus/source/2019-11-13T02", huge.toString());

        Harness.Run run = runAgainst(bad.url());

        assertGoodArrivedAndNothingElse();
        assertThat(run.ok()).isFalse();
        assertThat(bad.segmentRequests()).isZero();
    }
}
