package org.wubloader.backfiller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.backfiller.testing.PeerServer;
import org.wubloader.common.testing.Promtool;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.common.testing.ServiceProcess;

/** The backfiller as its operators run it: metrics at /metrics/backfiller, promtool-clean, no WARN. */
class OperatorsProcessTest {
    @TempDir
    Path tmp;

    @Test
    void metricsAtTheServicePathPassPromtoolAndACleanPassLogsNoWarning() throws Exception {
        Path remote = Files.createDirectories(tmp.resolve("remote"));
        Path local = Files.createDirectories(tmp.resolve("local"));
        new SegmentTree(remote).run("desertbus", "source", SegmentTree.at("2019-11-13T02:00:00"), 3, 2.0, 100);
        Vertx vertx = Vertx.vertx();
        int port = ServiceProcess.freePort();
        try (PeerServer peer = PeerServer.start(vertx, remote);
                ServiceProcess backfiller = ServiceProcess.start(
                        tmp,
                        port,
                        BackfillerMain.class.getName(),
                        "desertbus",
                        "--base-dir",
                        local.toString(),
                        "--metrics-port",
                        Integer.toString(port),
                        "--static-nodes",
                        peer.url(),
                        "--localhost",
                        "me",
                        "--log-json")) {
            String remoteLabel = "remote=\"" + peer.url() + "\"";
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> backfiller
                            .get("/metrics/backfiller")
                            .contains("hours_backfilled_total{channel=\"desertbus\",quality=\"source\"," + remoteLabel
                                    + "}"));
            String scrape = backfiller.get("/metrics/backfiller");
            assertThat(scrape).contains("segments_backfilled_total").contains("process_cpu_seconds_total");
            // hours_backfilled is the original's name: promtool's unit lint is answered in the README
            Promtool.assertClean(scrape, "hours_backfilled_total");
            String log = backfiller.stderr();
            assertThat(log).doesNotContain("\"level\":\"WARN\"").doesNotContain("\"level\":\"ERROR\"");
            // the hour's summary line carries the peer, channel, quality and hour as JSON fields
            assertThat(log.lines()
                            .filter(l -> l.contains("downloaded 3 segments"))
                            .findFirst())
                    .hasValueSatisfying(line -> assertThat(line)
                            .contains("\"peer\":\"" + peer.url() + "\"")
                            .contains("\"channel\":\"desertbus\"")
                            .contains("\"quality\":\"source\"")
                            .contains("\"hour\":\"2019-11-13T02\""));
            assertThat(backfiller.stop()).isZero();
        } finally {
            vertx.close().await();
        }
    }
}
