package org.wubloader.backfiller;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.backfiller.testing.Harness;
import org.wubloader.backfiller.testing.PeerServer;
import org.wubloader.backfiller.testing.TestConfig;

/** --extras mirrors arbitrary files, atomically, and refuses paths a peer should not send. */
class ExtrasTest {
    @TempDir
    Path tmp;

    private Vertx peersVertx;
    private PeerServer peer;
    private Path remote;
    private Path local;

    @BeforeEach
    void setUp() throws Exception {
        peersVertx = Vertx.vertx();
        remote = Files.createDirectories(tmp.resolve("remote"));
        local = Files.createDirectories(tmp.resolve("local"));
        peer = PeerServer.start(peersVertx, remote);
    }

    @AfterEach
    void tearDown() {
        peer.close();
        peersVertx.close().await();
    }

    @Test
    void mirrorsExtraDirectoriesIncludingSubdirectories() throws Exception {
        Files.createDirectories(remote.resolve("coverage-maps/sub"));
        Files.write(remote.resolve("coverage-maps/desertbus_source.png"), new byte[] {1, 2, 3});
        Files.write(remote.resolve("coverage-maps/sub/a b.html"), "<p>hi</p>".getBytes());
        Files.write(remote.resolve("coverage-maps/.hidden"), new byte[] {9});
        Files.createDirectories(local.resolve("coverage-maps"));
        Files.write(local.resolve("coverage-maps/mine.png"), new byte[] {7});

        Harness.Run run = Harness.runOnce(TestConfig.builder(local)
                .channels()
                .extras("coverage-maps")
                .peer("peer", peer.url())
                .build());

        assertThat(run.ok()).isTrue();
        assertThat(Files.readAllBytes(local.resolve("coverage-maps/desertbus_source.png")))
                .containsExactly(1, 2, 3);
        assertThat(local.resolve("coverage-maps/sub/a b.html")).hasContent("<p>hi</p>");
        assertThat(local.resolve("coverage-maps/.hidden")).doesNotExist();
        assertThat(local.resolve("coverage-maps/mine.png")).exists();
        assertThat(Harness.tempFiles(local)).isEmpty();
        assertThat(run.metric("extras_backfilled_total", "dir=\"coverage-maps\""))
                .isEqualTo(2);
    }

    @Test
    void pathsWithDotDotOrHiddenPartsFromThePeerAreRefused() throws Exception {
        Files.createDirectories(remote.resolve("maps"));
        Files.write(remote.resolve("maps/ok.png"), new byte[] {1});
        peer.overrideListing(
                "/extras/maps",
                "[\"ok.png\", \"../escape.png\", \"sub/../../escape2.png\", \".ssh/authorized_keys\", \"/etc/passwd\", \"\"]");

        Harness.Run run = Harness.runOnce(TestConfig.builder(local)
                .channels()
                .extras("maps")
                .peer("peer", peer.url())
                .build());

        assertThat(run.ok()).isTrue();
        assertThat(Harness.allFiles(tmp.resolve("local")).keySet()).containsExactly("maps/ok.png");
        assertThat(peer.segmentRequests()).isEqualTo(1);
    }

    @Test
    void hiddenFilesInAnOriginalPeersListingAreSkippedWithoutAWarning() throws Exception {
        Files.createDirectories(remote.resolve("maps"));
        Files.write(remote.resolve("maps/ok.png"), new byte[] {1});
        // the original's /extras walks everything, hidden files included
        peer.overrideListing("/extras/maps", "[\"ok.png\", \".DS_Store\", \"sub/.cache\"]");

        Harness.Run run = Harness.runOnce(TestConfig.builder(local)
                .channels()
                .extras("maps")
                .peer("peer", peer.url())
                .build());

        assertThat(run.ok()).isTrue();
        assertThat(Harness.allFiles(tmp.resolve("local")).keySet()).containsExactly("maps/ok.png");
        assertThat(run.metric("log_count_total", "level=\"WARN\"")).isZero();
    }
}
