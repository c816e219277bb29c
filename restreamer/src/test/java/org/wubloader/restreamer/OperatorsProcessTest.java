package org.wubloader.restreamer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wubloader.common.testing.Promtool;
import org.wubloader.common.testing.SegmentTree;
import org.wubloader.common.testing.ServiceProcess;

/** The restreamer as its operators run it: one server per event loop, no WARN at start, promtool-clean. */
class OperatorsProcessTest {
    @TempDir
    Path tmp;

    @Test
    void aStartWithTwoEventLoopsLogsNoWarningAndItsMetricsPassPromtool() throws Exception {
        Path base = Files.createDirectories(tmp.resolve("base"));
        new SegmentTree(base).run("desertbus", "source", SegmentTree.at("2019-11-13T02:00:00"), 3, 2.0, 100);
        int port = ServiceProcess.freePort();
        try (ServiceProcess restreamer = ServiceProcess.start(
                tmp,
                port,
                RestreamerMain.class.getName(),
                "--base-dir",
                base.toString(),
                "--port",
                Integer.toString(port),
                "--event-loops",
                "2",
                "--prewarm-hours",
                "0",
                "--connection-string",
                "dbname=wubloader")) {
            HttpClient client = HttpClient.newHttpClient();
            for (String path : new String[] {
                "/files",
                "/files/desertbus",
                "/files/desertbus/source",
                "/files/desertbus/source/2019-11-13T02",
                "/playlist/desertbus/source.m3u8",
                "/nope",
                "/segments/desertbus/source/x.ts"
            }) {
                client.send(
                        HttpRequest.newBuilder(URI.create(restreamer.url(path))).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            client.send(
                    HttpRequest.newBuilder(URI.create(restreamer.url("/files")))
                            .method("BREW", HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            String scrape = restreamer.get("/metrics/restreamer");
            assertThat(scrape)
                    .contains("http_request_latency_generate_media_playlist_bucket")
                    .contains("process_cpu_seconds_total");
            // http_request_latency_list_hours is the original's name (view list_hours): promtool
            // takes its end for a unit
            Promtool.assertClean(scrape, "http_request_latency_list_hours");
            String log = restreamer.stderr();
            assertThat(log).doesNotContain(" WARN ").doesNotContain(" ERROR ");
            assertThat(log).contains("org.wubloader.restreamer.access - 127.0.0.1 \"BREW /files\" 405");
            assertThat(restreamer.stop()).isZero();
        }
    }
}
