package org.wubloader.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.process.MetricsEndpoint;
import org.wubloader.common.process.ServiceRuntime;
import org.wubloader.common.testing.SegmentTree;

/** §7 "Responsiveness fix": /metrics answers while a pass over a large tree runs. */
class MetricsDuringPassTest {
    @TempDir
    Path base;

    @Test
    void metricsAreScrapedWhileAPassIsStillRunning() throws Exception {
        Names.emptyHours(base.resolve("desertbus/source"), SegmentTree.at("2019-11-13T00:00:00"), 24);
        ServiceRuntime runtime = ServiceRuntime.embedded("segment-coverage", base);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            int port = MetricsEndpoint.serve(runtime.vertx(), runtime.registry(), "segment-coverage", 0)
                    .await(10, TimeUnit.SECONDS)
                    .actualPort();
            HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(10))
                    .build();
            int duringPass = 0;
            // Each attempt is a cold pass (a fresh service, so no cached hours); one is enough if
            // any scrape lands inside it, which it does unless the pass is quicker than a scrape.
            for (int attempt = 0; attempt < 5 && duringPass == 0; attempt++) {
                SegmentCoverage coverage =
                        new SegmentCoverage(Runs.config(base, List.of("desertbus")), runtime.registry());
                coverage.start();
                for (int i = 0; i < 100_000 && coverage.passes() == 0; i++) {
                    HttpResponse<String> response = http.send(scrape, HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).isEqualTo(200);
                    if (coverage.passes() == 0) {
                        duringPass++;
                    }
                }
                coverage.await();
                coverage.close();
            }
            assertThat(duringPass)
                    .as("scrapes answered while the pass was running")
                    .isPositive();
            assertThat(http.send(scrape, HttpResponse.BodyHandlers.ofString()).body())
                    .contains("raw_coverage{");
        } finally {
            runtime.close();
        }
    }
}
