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
                    .containsPattern("log_count_total\\{function=\"metricsAreServedInPrometheusFormatWithLogCounts\",level=\"WARN\",module=\"ServiceRuntimeTest\"} 1\\.0")
                    .contains("jvm_memory_used_bytes");
            assertThat(get("http://127.0.0.1:" + runtime.metricsPort() + "/healthz")).isEqualTo("ok\n");
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
                    .contains("http_request_latency_all_bucket{endpoint=\"segments\",method=\"GET\",status=\"200\",le=\"0.001\"}")
                    .contains("http_request_latency_all_bucket{endpoint=\"segments\",method=\"GET\",status=\"200\",le=\"600.0\"}")
                    .contains("http_request_concurrency_all{endpoint=\"segments\",method=\"GET\"} 0.0")
                    .contains("http_client_request_concurrency{domain=\"example.com\",method=\"GET\",name=\"get_segment\"} 1.0");
            inFlight.done("error");
            assertThat(runtime.registry().scrape())
                    .contains("http_client_request_latency_count{domain=\"example.com\",method=\"GET\",name=\"get_segment\",status=\"error\"} 1");
        }
    }
}
