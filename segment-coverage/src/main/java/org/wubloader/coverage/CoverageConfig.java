package org.wubloader.coverage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What segment-coverage was asked to do (docs/coverage.md §7).
 *
 * @param firstHour limits the map only (epoch microseconds, any time in the hour)
 * @param connectionString node database DSN; null without one
 * @param outputDir relative to the base dir
 * @param databaseTimeout connect and query timeout of the node database (the original's 30 s)
 */
public record CoverageConfig(
        Path baseDir,
        List<String> channels,
        List<String> qualities,
        Optional<Long> firstHour,
        Optional<Long> lastHour,
        boolean makePage,
        String connectionString,
        Duration checkInterval,
        String outputDir,
        boolean runOnce,
        Duration databaseTimeout) {
    public CoverageConfig {
        channels = List.copyOf(channels);
        qualities = List.copyOf(qualities);
    }

    public Path outputPath() {
        return baseDir.resolve(outputDir);
    }

    public Path output(String channel, String quality, String extension) {
        return outputPath().resolve(channel + "_" + quality + "_coverage." + extension);
    }
}
