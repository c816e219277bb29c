package org.wubloader.backfiller.peers;

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
import org.wubloader.backfiller.Backfiller;
import org.wubloader.backfiller.BackfillerConfig;
import org.wubloader.backfiller.testing.Harness;
import org.wubloader.backfiller.testing.PeerServer;
import org.wubloader.backfiller.testing.TcpProxy;
import org.wubloader.backfiller.testing.TestConfig;
import org.wubloader.common.process.ServiceRuntime;
import org.wubloader.common.testing.Postgres;
import org.wubloader.common.testing.SegmentTree;

/** Peers from the real PostgreSQL nodes table, through a proxy the test can break. */
class NodeDatabaseTest {
    private static final long HOUR = SegmentTree.at("2019-11-13T02:00:00");
    private static final long STEP = 2_000_000L;

    @TempDir
    Path tmp;

    private Postgres pg;
    private TcpProxy proxy;
    private Vertx peersVertx;

    @BeforeEach
    void setUp() throws Exception {
        pg = new Postgres();
        pg.execute(org.wubloader.backfiller.nodes.NodesSchema.sql());
        proxy = new TcpProxy(Postgres.HOST, Postgres.PORT);
        peersVertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() throws Exception {
        peersVertx.close().await();
        proxy.close();
        pg.close();
    }

    private PeerServer peerWith(String name, int firstSegment, int count) throws Exception {
        Path base = Files.createDirectories(tmp.resolve(name));
        new SegmentTree(base).run("desertbus", "source", HOUR + firstSegment * STEP, count, 2.0, 1000);
        return PeerServer.start(peersVertx, base);
    }

    @Test
    void readsBackfillFromNodesSkippingItselfAndDisabledOnes() throws Exception {
        PeerServer one = peerWith("one", 0, 3);
        PeerServer two = peerWith("two", 10, 3);
        pg.execute("INSERT INTO nodes VALUES ('one', '" + one.url() + "', true), ('two', '" + two.url() + "', false), "
                + "('this-node', 'http://127.0.0.1:1', true)");
        try (NodeDatabase db = new NodeDatabase(pg.keyValueDsn(), Duration.ofSeconds(2))) {
            assertThat(db.fetch())
                    .containsExactly(new Peer("one", one.url()), new Peer("this-node", "http://127.0.0.1:1"));
        }
        Path local = Files.createDirectories(tmp.resolve("local"));

        Harness.Run run = Harness.runOnce(
                TestConfig.builder(local).nodeDatabase(pg.uriDsn()).build());

        assertThat(run.ok()).isTrue();
        assertThat(Harness.tsFileCount(local)).isEqualTo(3);
        assertThat(run.metric("node_list_errors_total")).isZero();
    }

    @Test
    void workersFollowTheTableAndSurviveTheDatabaseGoingAway() throws Exception {
        PeerServer one = peerWith("one", 0, 2);
        PeerServer two = peerWith("two", 10, 2);
        PeerServer three = peerWith("three", 20, 2);
        Path local = Files.createDirectories(tmp.resolve("local"));
        BackfillerConfig config = TestConfig.builder(local)
                .nodeDatabase(pg.uriDsn("127.0.0.1", proxy.port()))
                .build();
        ServiceRuntime runtime = ServiceRuntime.embedded("backfiller", local);
        Backfiller backfiller = new Backfiller(config, runtime.vertx(), runtime.registry());
        try {
            backfiller.start();
            pg.execute("INSERT INTO nodes VALUES ('one', '" + one.url() + "')");
            await().atMost(15, TimeUnit.SECONDS).until(() -> Harness.tsFileCount(local) == 2);
            assertThat(backfiller.workers().peerNames()).containsExactly("one");

            // A node added while running gets a worker; one removed loses it.
            pg.execute("INSERT INTO nodes VALUES ('two', '" + two.url() + "')");
            await().atMost(15, TimeUnit.SECONDS).until(() -> Harness.tsFileCount(local) == 4);
            pg.execute("DELETE FROM nodes WHERE name = 'one'");
            await().atMost(15, TimeUnit.SECONDS)
                    .until(() -> backfiller.workers().peerNames().equals(List.of("two")));

            // The database goes away: errors are counted, the known worker keeps backfilling.
            proxy.reject();
            double errorsBefore = Harness.nodeListErrors(runtime);
            await().atMost(20, TimeUnit.SECONDS).until(() -> Harness.nodeListErrors(runtime) >= errorsBefore + 2);
            new SegmentTree(tmp.resolve("two")).run("desertbus", "source", HOUR + 30 * STEP, 3, 2.0, 1000);
            await().atMost(15, TimeUnit.SECONDS).until(() -> Harness.tsFileCount(local) == 7);
            assertThat(backfiller.workers().peerNames()).containsExactly("two");
            pg.execute("INSERT INTO nodes VALUES ('three', '" + three.url() + "')");
            // Still away: every refresh fails and is counted, and the node added meanwhile is not seen.
            double errorsAfterInsert = Harness.nodeListErrors(runtime);
            await().atMost(20, TimeUnit.SECONDS).until(() -> Harness.nodeListErrors(runtime) > errorsAfterInsert);
            assertThat(backfiller.workers().peerNames()).containsExactly("two");

            // It comes back: the new node is picked up through a fresh connection.
            proxy.forward();
            await().atMost(30, TimeUnit.SECONDS)
                    .until(() -> backfiller.workers().peerNames().equals(List.of("three", "two")));
            await().atMost(15, TimeUnit.SECONDS).until(() -> Harness.tsFileCount(local) == 9);
            assertThat(Harness.nodeListErrors(runtime)).isGreaterThanOrEqualTo(2);
        } finally {
            backfiller.stop();
            runtime.close();
            one.close();
            two.close();
            three.close();
        }
    }
}
