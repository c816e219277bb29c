package org.wubloader.coverage;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Builds configurations and runs the service once, as tests need. */
final class Runs {
    private Runs() {}

    static CoverageConfig config(Path base, List<String> channels) {
        return new CoverageConfig(
                base,
                channels,
                List.of("source"),
                Optional.empty(),
                Optional.empty(),
                false,
                null,
                Duration.ofSeconds(300),
                "coverage-maps",
                true,
                Duration.ofSeconds(2));
    }

    static CoverageConfig withRange(CoverageConfig c, Long first, Long last) {
        return new CoverageConfig(
                c.baseDir(),
                c.channels(),
                c.qualities(),
                Optional.ofNullable(first),
                Optional.ofNullable(last),
                c.makePage(),
                c.connectionString(),
                c.checkInterval(),
                c.outputDir(),
                c.runOnce(),
                c.databaseTimeout());
    }

    static CoverageConfig withPage(CoverageConfig c, String dsn) {
        return new CoverageConfig(
                c.baseDir(),
                c.channels(),
                c.qualities(),
                c.firstHour(),
                c.lastHour(),
                true,
                dsn,
                c.checkInterval(),
                c.outputDir(),
                c.runOnce(),
                c.databaseTimeout());
    }

    static CoverageConfig looping(CoverageConfig c, Duration interval) {
        return new CoverageConfig(
                c.baseDir(),
                c.channels(),
                c.qualities(),
                c.firstHour(),
                c.lastHour(),
                c.makePage(),
                c.connectionString(),
                interval,
                c.outputDir(),
                false,
                c.databaseTimeout());
    }

    /** One --run-once pass; returns the registry it published to. */
    static PrometheusMeterRegistry once(CoverageConfig config) throws InterruptedException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (SegmentCoverage coverage = new SegmentCoverage(config, registry)) {
            coverage.start();
            coverage.await();
        }
        return registry;
    }
}
