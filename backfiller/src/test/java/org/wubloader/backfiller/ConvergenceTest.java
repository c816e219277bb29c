package org.wubloader.backfiller;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.backfiller.testing.Harness;
import org.wubloader.backfiller.testing.PeerServer;
import org.wubloader.backfiller.testing.TestConfig;
import org.wubloader.common.segment.SegmentType;
import org.wubloader.common.testing.SegmentTree;

/** Three nodes with overlapping, different archives become identical after run-once passes over real HTTP. */
class ConvergenceTest {
    private static final long H1 = SegmentTree.at("2019-11-13T02:00:00");
    private static final long H2 = SegmentTree.at("2019-11-13T03:00:00");
    private static final long H3 = SegmentTree.at("2019-11-13T04:00:00");
    private static final long STEP = 2_000_000L;

    @TempDir
    Path tmp;

    private Vertx peersVertx;
    private final List<PeerServer> servers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        peersVertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() {
        servers.forEach(PeerServer::close);
        peersVertx.close().await();
    }

    @Test
    void threeNodesWithDifferentSegmentsConvergeToIdenticalTrees() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        Path c = Files.createDirectories(tmp.resolve("c"));
        SegmentTree ta = new SegmentTree(a);
        SegmentTree tb = new SegmentTree(b);
        SegmentTree tc = new SegmentTree(c);

        // a: H1 0..19 (source), with segment 3 tombstoned on a only (and still on disk there).
        ta.run("desertbus", "source", H1, 20, 2.0, 300);
        Path onlyOnA = ta.segment("desertbus", "source", H1 + 100 * STEP, 2.0, SegmentType.FULL, 123);
        ta.tombstone(onlyOnA);
        // b: H1 10..29, H2 0..9, and a 480p hour; a partial and a temp file in H1.
        tb.run("desertbus", "source", H1 + 10 * STEP, 20, 2.0, 300);
        tb.run("desertbus", "source", H2, 10, 2.0, 300);
        tb.run("desertbus", "480p", H2, 5, 2.0, 100);
        tb.segment("desertbus", "source", H1 + 50 * STEP, 1.5, SegmentType.PARTIAL, 77);
        tb.segment("desertbus", "source", H1 + 51 * STEP, 2.0, SegmentType.TEMP, 77);
        Path tombstonedByC = tb.segment("desertbus", "source", H2 + 20 * STEP, 2.0, SegmentType.FULL, 99);
        // c: H2 5..14 and a tombstone for b's segment, plus a tombstone alone in H3 (no H3 anywhere else).
        tc.run("desertbus", "source", H2 + 5 * STEP, 10, 2.0, 300);
        Path cCopy = tc.segment("desertbus", "source", H2 + 20 * STEP, 2.0, SegmentType.FULL, 99);
        tc.tombstone(cCopy);
        Files.delete(cCopy);
        Path h3Lonely = tc.segment("desertbus", "source", H3 + 7 * STEP, 2.0, SegmentType.FULL, 55);
        tc.tombstone(h3Lonely);
        Files.delete(h3Lonely);
        // A channel nobody is configured for stays put.
        tc.run("otherchannel", "source", H1, 3, 2.0, 10);

        for (Path base : List.of(a, b, c)) {
            servers.add(PeerServer.start(peersVertx, base));
        }
        Path nodes = Harness.nodeFile(
                tmp,
                "# every node, including the reader itself (dropped by --localhost)",
                "a " + servers.get(0).url(),
                "b " + servers.get(1).url(),
                "",
                "c " + servers.get(2).url());

        for (int round = 0; round < 2; round++) {
            for (String name : List.of("a", "b", "c")) {
                Harness.Run run = Harness.runOnce(TestConfig.builder(tmp.resolve(name))
                        .qualities("source", "480p")
                        .nodeFile(nodes)
                        .localhost(name)
                        .build());
                assertThat(run.ok()).as("run-once on %s, round %d", name, round).isTrue();
            }
        }

        TreeSet<String> treeA = Harness.visibleTree(a);
        TreeSet<String> treeB = Harness.visibleTree(b);
        TreeSet<String> treeC = Harness.visibleTree(c);
        treeA.removeIf(p -> p.startsWith("otherchannel/"));
        treeC.removeIf(p -> p.startsWith("otherchannel/"));
        assertThat(treeB).isEqualTo(treeA);
        assertThat(treeC).isEqualTo(treeA);
        // 20 + 10 overlapping H1 segments, the partial, H2 0..14, 5 at 480p, 3 tombstones.
        assertThat(treeA.stream().filter(p -> p.endsWith(".ts"))).hasSize(30 + 1 + 15 + 5);
        assertThat(treeA.stream().filter(p -> p.endsWith(".tombstone")))
                .containsExactlyInAnyOrder(
                        ta.relative(onlyOnA).replace(".ts", ".tombstone"),
                        tb.relative(tombstonedByC).replace(".ts", ".tombstone"),
                        tc.relative(h3Lonely).replace(".ts", ".tombstone"));
        // The segment tombstoned on a before anyone had it never left a.
        assertThat(Files.exists(b.resolve(ta.relative(onlyOnA)))).isFalse();
        assertThat(Files.exists(c.resolve(ta.relative(onlyOnA)))).isFalse();
        // The lone tombstone created its hour directory on a and b.
        assertThat(a.resolve(tc.relative(h3Lonely)).getParent()).isDirectory();
        // Bytes are identical wherever a segment exists (names are hashes, so compare sizes and contents).
        for (String path : treeA) {
            if (path.endsWith(".ts")) {
                byte[] bytes = Files.readAllBytes(a.resolve(path));
                assertThat(Files.readAllBytes(b.resolve(path))).as(path).isEqualTo(bytes);
                assertThat(Files.readAllBytes(c.resolve(path))).as(path).isEqualTo(bytes);
            }
        }
        // The only temp file anywhere is the one b's own downloader "was writing".
        assertThat(Harness.tempFiles(a)).isEmpty();
        assertThat(Harness.tempFiles(b)).hasSize(1);
        assertThat(Harness.tempFiles(c)).isEmpty();
        assertThat(Harness.allFiles(a)).doesNotContainKey("otherchannel");
    }
}
