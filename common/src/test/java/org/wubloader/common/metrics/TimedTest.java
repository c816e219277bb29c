package org.wubloader.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class TimedTest {
    @Test
    void anOperationIsExportedUnderTheOriginalsNamesWithErrorAndNormalisation() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Timed timed = new Timed(registry);
        timed.start("cut", "cut_type", "fast").done(12.0);
        timed.start("waveform").failed(new IllegalStateException("x"));
        String text = registry.scrape();
        assertThat(text)
                .contains("cut_latency_count{cut_type=\"fast\",error=\"\"} 1")
                .contains("cut_cputime_count{cut_type=\"fast\",error=\"\",type=\"user\"} 1")
                .contains("cut_cputime_count{cut_type=\"fast\",error=\"\",type=\"system\"} 1")
                .contains("cut_latency_normalized_count{cut_type=\"fast\",error=\"\"} 1")
                .contains("cut_cputime_normalized_count{cut_type=\"fast\",error=\"\",type=\"user\"} 1")
                .contains("cut_latency_bucket{cut_type=\"fast\",error=\"\",le=\"1.0E-9\"}")
                .contains("cut_latency_bucket{cut_type=\"fast\",error=\"\",le=\"10000.0\"} 1")
                // recorded exactly: an operation of microseconds is below 1 s, not rounded up to it
                .contains("cut_latency_bucket{cut_type=\"fast\",error=\"\",le=\"0.1\"} 1")
                .contains("waveform_latency_count{error=\"IllegalStateException\"} 1")
                .doesNotContain("waveform_latency_normalized");
    }
}
