package org.wubloader.backfiller.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.backfiller.Backfiller;
import org.wubloader.backfiller.BackfillerConfig;
import org.wubloader.backfiller.nodes.NodesSchema;
import org.wubloader.backfiller.testing.Harness;
import org.wubloader.backfiller.testing.PeerServer;
import org.wubloader.backfiller.testing.TcpProxy;
import org.wubloader.backfiller.testing.TestConfig;
import org.wubloader.common.process.ServiceRuntime;
import org.wubloader.common.testing.Postgres;
import org.wubloader.common.testing.SegmentTree;

/**
 * The nodes database hangs (every byte held by a proxy, as a stopped or locked PostgreSQL would
 * do) and then stops outright: the backfiller keeps copying from the peers it last knew, counts
 * the failures, and picks up a new node once the database answers again. The machine's
 * PostgreSQL is never stopped: only the proxy in front of it.
 */
@Tag("reliability")
class NodeDatabaseFreezeTest {
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
        pg.execute(NodesSchema.sql());
        proxy = new TcpProxy(Postgres.HOST, Postgres.PORT);
        peersVertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() throws Exception {
        proxy.forward();
        peersVertx.close().await();
        proxy.close();
        pg.close();
    }

    @Test
    void aFrozenThenStoppedDatabaseDoesNotStopBackfillingFromKnownPeers() throws Exception {
        Path oneBase = Files.createDirectories(tmp.resolve("one"));
        Path twoBase = Files.createDirectories(tmp.resolve("two"));
        SegmentTree oneTree = new SegmentTree(oneBase);
        oneTree.run("desertbus", "source", HOUR, 2, 2.0, 1000);
        new SegmentTree(twoBase).run("desertbus", "source", HOUR + 10 * STEP, 2, 2.0, 1000);
        Path local = Files.createDirectories(tmp.resolve("local"));
        BackfillerConfig config = TestConfig.builder(local)
                .nodeDatabase(pg.uriDsn("127.0.0.1", proxy.port()))
                .build();
        ServiceRuntime runtime = ServiceRuntime.embedded("backfiller", local);
        Backfiller backfiller = new Backfiller(config, runtime.vertx(), runtime.registry());
        try (PeerServer one = PeerServer.start(peersVertx, oneBase);
                PeerServer two = PeerServer.start(peersVertx, twoBase)) {
            pg.execute("INSERT INTO nodes VALUES ('one', '" + one.url() + "')");
            backfiller.start();
            await().atMost(15, TimeUnit.SECONDS).until(() -> Harness.tsFileCount(local) == 2);

            // Frozen: connections open, no answer. Refreshes time out; the worker goes on.
            proxy.freeze();
            double before = Harness.nodeListErrors(runtime);
            await().atMost(20, TimeUnit.SECONDS).until(() -> Harness.nodeListErrors(runtime) >= before + 2);
            oneTree.run("desertbus", "source", HOUR + 30 * STEP, 3, 2.0, 1000);
            await().atMost(15, TimeUnit.SECONDS).until(() -> Harness.tsFileCount(local) == 5);
            assertThat(backfiller.workers().peerNames()).containsExactly("one");

            // Stopped outright: the same.
            proxy.reject();
            double rejected = Harness.nodeListErrors(runtime);
            await().atMost(20, TimeUnit.SECONDS).until(() -> Harness.nodeListErrors(runtime) >= rejected + 2);
            oneTree.run("desertbus", "source", HOUR + 40 * STEP, 2, 2.0, 1000);
            await().atMost(15, TimeUnit.SECONDS).until(() -> Harness.tsFileCount(local) == 7);
            pg.execute("INSERT INTO nodes VALUES ('two', '" + two.url() + "')");

            // Back: the node added meanwhile is found and backfilled from.
            proxy.forward();
            await().atMost(30, TimeUnit.SECONDS)
                    .until(() -> backfiller.workers().peerNames().equals(List.of("one", "two")));
            await().atMost(15, TimeUnit.SECONDS).until(() -> Harness.tsFileCount(local) == 9);
            assertThat(Harness.tempFiles(local)).isEmpty();
        } finally {
            backfiller.stop();
            runtime.close();
        }
    }
}
