package org.wubloader.backfiller.testing;

import java.nio.file.Path;
import java.time.Duration;
import org.wubloader.backfiller.BackfillerConfig;

/** The production {@link BackfillerConfig.Builder}, preset for tests: fast timings, one channel. */
public final class TestConfig {
    private TestConfig() {}

    /** Every loop and timeout shrunk so tests finish in seconds. */
    public static final BackfillerConfig.Timing FAST = BackfillerConfig.Timing.DEFAULT
            .withNodeRefresh(Duration.ofMillis(200))
            .withPassInterval(Duration.ofMillis(200))
            .withBackoffBase(Duration.ofMillis(100))
            .withRequestTimeout(Duration.ofSeconds(2))
            .withStallTimeout(Duration.ofSeconds(1))
            .withDownloadTimeout(Duration.ofSeconds(20))
            .withDeleteOldInterval(Duration.ofMillis(300))
            .withDatabaseTimeout(Duration.ofSeconds(1));

    /** Channel {@code desertbus}, quality {@code source}, node name {@code this-node}, 3 downloads, {@link #FAST}. */
    public static BackfillerConfig.Builder builder(Path baseDir) {
        return BackfillerConfig.builder(baseDir)
                .channels("desertbus")
                .localhost("this-node")
                .downloadConcurrency(3)
                .timing(FAST);
    }
}
