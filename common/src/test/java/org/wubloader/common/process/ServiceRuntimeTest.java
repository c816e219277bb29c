package org.wubloader.common.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class ServiceRuntimeTest {
    static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    static BaseOptions options(Path base) {
        BaseOptions options = new BaseOptions();
        options.baseDir = base;
        options.logLevel = "INFO";
        return options;
    }

    @Test
    void metricsAreServedInPrometheusFormatWithLogCounts(@TempDir Path base) throws Exception {
        try (ServiceRuntime runtime = ServiceRuntime.start("test-service", options(base), 0)) {
            LoggerFactory.getLogger(ServiceRuntimeTest.class).warn("something odd, counted");
            String metrics = get("http://127.0.0.1:" + runtime.metricsPort() + "/metrics");
            assertThat(metrics)
                    .contains("# TYPE log_count_total counter")
                    .containsPattern(
                            "log_count_total\\{function=\"metricsAreServedInPrometheusFormatWithLogCounts\",level=\"WARN\",module=\"ServiceRuntimeTest\"} 1\\.0")
                    .contains("jvm_memory_used_bytes");
            assertThat(get("http://127.0.0.1:" + runtime.metricsPort() + "/healthz"))
                    .isEqualTo("ok\n");
        }
    }

    @Test
    void httpMetricsKeepTheOriginalNames(@TempDir Path base) throws Exception {
        try (ServiceRuntime runtime = ServiceRuntime.start("test-service", options(base), 0)) {
            HttpMetrics metrics = new HttpMetrics(runtime.registry());
            metrics.server("segments", "GET").done(200);
            HttpMetrics.Request inFlight = metrics.client("get_segment", "GET", "example.com");
            String scrape = runtime.registry().scrape();
            assertThat(scrape)
                    .contains(
                            "http_request_latency_all_bucket{endpoint=\"segments\",method=\"GET\",status=\"200\",le=\"0.001\"}")
                    .contains(
                            "http_request_latency_all_bucket{endpoint=\"segments\",method=\"GET\",status=\"200\",le=\"600.0\"}")
                    .contains("http_request_concurrency_all{endpoint=\"segments\",method=\"GET\"} 0.0")
                    .contains(
                            "http_client_request_concurrency{domain=\"example.com\",method=\"GET\",name=\"get_segment\"} 1.0");
            inFlight.done("error");
            assertThat(runtime.registry().scrape())
                    .contains(
                            "http_client_request_latency_count{domain=\"example.com\",method=\"GET\",name=\"get_segment\",status=\"error\"} 1");
        }
    }

    @Test
    void processMetricsHaveThePythonClientsNames(@TempDir Path base) throws Exception {
        try (ServiceRuntime runtime = ServiceRuntime.start("test-service", options(base), 0)) {
            String scrape = get("http://127.0.0.1:" + runtime.metricsPort() + "/metrics");
            for (String name : new String[] {
                "process_cpu_seconds_total",
                "process_resident_memory_bytes",
                "process_start_time_seconds",
                "process_open_fds",
                "process_max_fds",
                "process_virtual_memory_bytes"
            }) {
                assertThat(scrape).as(name).containsPattern("(?m)^" + name + " [0-9.eE+]+$");
            }
            double start = Double.parseDouble(scrape.lines()
                    .filter(l -> l.startsWith("process_start_time_seconds "))
                    .findFirst()
                    .orElseThrow()
                    .split(" ")[1]);
            // seconds since the epoch, this process's start: within the last 10 minutes
            assertThat(start).isBetween(System.currentTimeMillis() / 1000.0 - 600, System.currentTimeMillis() / 1000.0);
        }
    }

    @Test
    void metricsAreServedUnderTheServicesNameToo(@TempDir Path base) throws Exception {
        try (ServiceRuntime runtime = ServiceRuntime.start("downloader", options(base), 0)) {
            assertThat(get("http://127.0.0.1:" + runtime.metricsPort() + "/metrics/downloader"))
                    .contains("process_cpu_seconds_total");
        }
    }

    @Test
    void segmentCoverageMetricsAreServedUnderBothSpellings(@TempDir Path base) throws Exception {
        try (ServiceRuntime runtime = ServiceRuntime.start("segment-coverage", options(base), 0)) {
            assertThat(get("http://127.0.0.1:" + runtime.metricsPort() + "/metrics/segment-coverage"))
                    .contains("process_open_fds");
            assertThat(get("http://127.0.0.1:" + runtime.metricsPort() + "/metrics/segment_coverage"))
                    .contains("process_open_fds");
        }
    }

    @Test
    void aFastRequestLandsInASmallBucket(@TempDir Path base) throws Exception {
        try (ServiceRuntime runtime = ServiceRuntime.start("test-service", options(base), 0)) {
            HttpMetrics metrics = new HttpMetrics(runtime.registry());
            metrics.server("segments", "GET").done(200);
            metrics.client("get_segment", "GET", "example.com").done(200);
            String scrape = runtime.registry().scrape();
            // a request that took (at most) milliseconds lands in a sub-second bucket, not rounded up to
            // 1 s; not 0.005: the first call loads classes, which on a busy machine can take 10 ms
            assertThat(scrape)
                    .contains(
                            "http_request_latency_all_bucket{endpoint=\"segments\",method=\"GET\",status=\"200\",le=\"0.5\"} 1")
                    .contains(
                            "http_client_request_latency_bucket{domain=\"example.com\",method=\"GET\",name=\"get_segment\",status=\"200\",le=\"0.5\"} 1")
                    .contains("http_request_latency_segments_bucket{method=\"GET\",status=\"200\",le=\"0.5\"} 1");
        }
    }

    @Test
    void unknownMethodsShareOneLabel(@TempDir Path base) throws Exception {
        try (ServiceRuntime runtime = ServiceRuntime.start("test-service", options(base), 0)) {
            HttpMetrics metrics = new HttpMetrics(runtime.registry());
            metrics.server("not_found", "FOO").done(405);
            long series = runtime.registry()
                    .scrape()
                    .lines()
                    .filter(l -> l.startsWith("http_"))
                    .count();
            for (int i = 0; i < 200; i++) {
                metrics.server("not_found", "X" + i).done(405);
            }
            String scrape = runtime.registry().scrape();
            assertThat(scrape.lines().filter(l -> l.startsWith("http_")).count())
                    .isEqualTo(series);
            assertThat(scrape).contains("method=\"other\"").doesNotContain("X17");
        }
    }

    @Test
    void aCleanStartLogsNoWarning(@TempDir Path base) throws Exception {
        try (ServiceRuntime runtime = ServiceRuntime.start("test-service", options(base), 0)) {
            assertThat(runtime.registry().scrape())
                    .doesNotContain("level=\"WARN\"")
                    .doesNotContain("level=\"ERROR\"");
        }
    }
}
