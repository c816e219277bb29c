package org.wubloader.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class ScrapeTest {
    @Test
    void samplesAreFoundByNameAndExactLabels() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Counter.builder("backfill_segments")
                .tag("remote", "http://a:1/")
                .tag("type", "full")
                .register(registry)
                .increment(2);
        Counter.builder("backfill_segments")
                .tag("remote", "http://b,\"q\"/")
                .tag("type", "full")
                .register(registry)
                .increment(3);
        Scrape scrape = Scrape.of(registry);
        assertThat(scrape.sum("backfill_segments_total")).isEqualTo(5.0);
        assertThat(scrape.sum("backfill_segments_total", "remote", "http://a:1/"))
                .isEqualTo(2.0);
        assertThat(scrape.sum("backfill_segments_total", "remote", "http://b,\"q\"/", "type", "full"))
                .isEqualTo(3.0);
        assertThat(scrape.has("backfill_segments_total", "remote", "http://a")).isFalse();
        assertThat(scrape.sum("nothing_total")).isZero();
    }

    @Test
    void unlabelledSamplesParse() {
        Scrape scrape = Scrape.parse("# HELP x y\n# TYPE x gauge\nplaylist_computations_in_flight 1.0\n");
        assertThat(scrape.sum("playlist_computations_in_flight")).isEqualTo(1.0);
    }
}
