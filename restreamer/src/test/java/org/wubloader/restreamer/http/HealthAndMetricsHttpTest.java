package org.wubloader.restreamer.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.restreamer.testing.TestServer;

class HealthAndMetricsHttpTest {
    @TempDir
    Path root;

    @Test
    void metricsCountRequestsPerEndpointRouteNotPerPath() throws IOException {
        Path base = Files.createDirectories(root.resolve("base"));
        new SegmentTree(base).full("desertbus", "source", SegmentTree.at("2019-11-13T02:00:00"), 2.0);
        try (TestServer server = TestServer.start(base)) {
            server.get("/files/desertbus");
            server.get("/files/other");
            server.get("/segments/nope");
            for (String path : new String[] {"/metrics", "/metrics/restreamer"}) {
                var r = server.getText(path);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("Content-Type"))
                        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
                assertThat(r.body())
                        .contains(
                                "http_request_latency_all_bucket{endpoint=\"list_qualities\",method=\"GET\",status=\"200\",le=\"0.001\"}")
                        .contains(
                                "http_request_latency_all_count{endpoint=\"list_qualities\",method=\"GET\",status=\"200\"} 2")
                        .contains(
                                "http_request_latency_all_count{endpoint=\"get_file\",method=\"GET\",status=\"404\"} 1")
                        .contains("http_request_concurrency_all{endpoint=\"metrics\",method=\"GET\"} 1")
                        .doesNotContain("endpoint=\"/files");
            }
        }
    }

    @Test
    void healthzAndReadyzAnswer() throws IOException {
        Path base = Files.createDirectories(root.resolve("base"));
        try (TestServer server = TestServer.start(base)) {
            assertThat(server.getText("/healthz").body()).isEqualTo("ok\n");
            assertThat(server.getText("/readyz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void readyzFailsWhenTheBaseDirIsMissing() {
        try (TestServer server = TestServer.start(root.resolve("not-there"))) {
            var r = server.getText("/readyz");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("not readable");
            assertThat(server.getText("/healthz").statusCode()).isEqualTo(200);
        }
    }
}
