package org.wubloader.backfiller.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.wubloader.backfiller.BackfillerConfig;
import org.wubloader.backfiller.StartSpec;
import org.wubloader.backfiller.peers.Peer;

/** Backfiller configurations for tests: fast timings, loopback peers. */
public final class ConfigBuilder {
    /** Every loop and timeout shrunk so tests finish in seconds. */
    public static final BackfillerConfig.Timing FAST = new BackfillerConfig.Timing(
            Duration.ofMillis(200),
            Duration.ofMillis(200),
            Duration.ofMillis(100),
            Duration.ofSeconds(2),
            Duration.ofSeconds(1),
            Duration.ofSeconds(20),
            Duration.ofMillis(300),
            Duration.ofSeconds(1));

    private final Path baseDir;
    private List<String> channels = List.of("desertbus");
    private List<String> qualities = List.of("source");
    private List<String> extras = List.of();
    private final List<Peer> staticNodes = new ArrayList<>();
    private Path nodeFile;
    private String nodeDatabase;
    private String localhost = "this-node";
    private StartSpec start;
    private boolean deleteOld;
    private int concurrency = 3;
    private Duration recentCutoff = Duration.ofSeconds(120);
    private long maxSegmentBytes = BackfillerConfig.DEFAULT_MAX_SEGMENT_BYTES;
    private BackfillerConfig.Timing timing = FAST;

    public ConfigBuilder(Path baseDir) {
        this.baseDir = baseDir;
    }

    public ConfigBuilder channels(String... c) {
        channels = List.of(c);
        return this;
    }

    public ConfigBuilder qualities(String... q) {
        qualities = List.of(q);
        return this;
    }

    public ConfigBuilder extras(String... e) {
        extras = List.of(e);
        return this;
    }

    public ConfigBuilder peer(String name, String url) {
        staticNodes.add(new Peer(name, url));
        return this;
    }

    public ConfigBuilder nodeFile(Path file) {
        nodeFile = file;
        return this;
    }

    public ConfigBuilder nodeDatabase(String dsn) {
        nodeDatabase = dsn;
        return this;
    }

    public ConfigBuilder localhost(String name) {
        localhost = name;
        return this;
    }

    public ConfigBuilder start(String spec) {
        start = StartSpec.parse(spec);
        return this;
    }

    public ConfigBuilder deleteOld() {
        deleteOld = true;
        return this;
    }

    public ConfigBuilder concurrency(int n) {
        concurrency = n;
        return this;
    }

    public ConfigBuilder recentCutoff(Duration d) {
        recentCutoff = d;
        return this;
    }

    public ConfigBuilder maxSegmentBytes(long n) {
        maxSegmentBytes = n;
        return this;
    }

    public ConfigBuilder timing(BackfillerConfig.Timing t) {
        timing = t;
        return this;
    }

    public BackfillerConfig build() {
        return new BackfillerConfig(baseDir, channels, qualities, extras, staticNodes, nodeFile, nodeDatabase, localhost,
                Optional.ofNullable(start), deleteOld, concurrency, recentCutoff, maxSegmentBytes, timing);
    }
}
