package org.wubloader.backfiller;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.wubloader.backfiller.peers.Peer;
import org.wubloader.common.storage.WriteMode;

/**
 * Everything a backfiller needs to know, as parsed from the command line (or built by a test).
 *
 * @param nodeFile may be null
 * @param nodeDatabase a DSN, may be null
 * @param localhost the node name never to backfill from
 */
public record BackfillerConfig(
        Path baseDir,
        List<String> channels,
        List<String> qualities,
        List<String> extras,
        List<Peer> staticNodes,
        Path nodeFile,
        String nodeDatabase,
        String localhost,
        Optional<StartSpec> start,
        boolean deleteOld,
        int downloadConcurrency,
        Duration recentCutoff,
        long maxSegmentBytes,
        WriteMode writeMode,
        Timing timing) {

    /** Default {@code --max-segment-bytes}: far above any segment of a stream we record (a few MiB). */
    public static final long DEFAULT_MAX_SEGMENT_BYTES = 256L * 1024 * 1024;
    /** Default {@code --download-concurrency}. */
    public static final int DEFAULT_DOWNLOAD_CONCURRENCY = 5;
    /** Default {@code --recent-cutoff}: see {@code HourPlan.Skip.RECENT} for why. */
    public static final Duration DEFAULT_RECENT_CUTOFF = Duration.ofSeconds(120);

    public BackfillerConfig {
        channels = List.copyOf(channels);
        qualities = List.copyOf(qualities);
        extras = List.copyOf(extras);
        staticNodes = List.copyOf(staticNodes);
        if (downloadConcurrency < 1) {
            throw new IllegalArgumentException("--download-concurrency must be at least 1");
        }
        if (maxSegmentBytes < 1) {
            throw new IllegalArgumentException("--max-segment-bytes must be at least 1");
        }
        if (recentCutoff.isNegative()) {
            throw new IllegalArgumentException("--recent-cutoff must not be negative");
        }
        if (deleteOld && start.isEmpty()) {
            throw new IllegalArgumentException("--delete-old needs --start (what counts as old)");
        }
    }

    /** A builder with the command line's defaults: no channel, quality {@code source}, no peers. */
    public static Builder builder(Path baseDir) {
        return new Builder(baseDir);
    }

    /** Named settings; {@link #build} checks them as the record's constructor does. */
    public static final class Builder {
        private final Path baseDir;
        private List<String> channels = List.of();
        private List<String> qualities = List.of("source");
        private List<String> extras = List.of();
        private final List<Peer> staticNodes = new ArrayList<>();
        private Path nodeFile;
        private String nodeDatabase;
        private String localhost;
        private Optional<StartSpec> start = Optional.empty();
        private boolean deleteOld;
        private int downloadConcurrency = DEFAULT_DOWNLOAD_CONCURRENCY;
        private Duration recentCutoff = DEFAULT_RECENT_CUTOFF;
        private long maxSegmentBytes = DEFAULT_MAX_SEGMENT_BYTES;
        private WriteMode writeMode = WriteMode.DIRECT;
        private Timing timing = Timing.DEFAULT;

        private Builder(Path baseDir) {
            this.baseDir = baseDir;
        }

        public Builder channels(List<String> c) {
            channels = List.copyOf(c);
            return this;
        }

        public Builder channels(String... c) {
            return channels(List.of(c));
        }

        public Builder qualities(List<String> q) {
            qualities = List.copyOf(q);
            return this;
        }

        public Builder qualities(String... q) {
            return qualities(List.of(q));
        }

        public Builder extras(List<String> e) {
            extras = List.copyOf(e);
            return this;
        }

        public Builder extras(String... e) {
            return extras(List.of(e));
        }

        public Builder staticNodes(List<Peer> peers) {
            staticNodes.addAll(peers);
            return this;
        }

        public Builder peer(String name, String url) {
            staticNodes.add(new Peer(name, url));
            return this;
        }

        /** @param file null for none */
        public Builder nodeFile(Path file) {
            nodeFile = file;
            return this;
        }

        /** @param dsn null for none */
        public Builder nodeDatabase(String dsn) {
            nodeDatabase = dsn;
            return this;
        }

        /** @param name the node never to backfill from; unset, this machine's host name */
        public Builder localhost(String name) {
            localhost = name;
            return this;
        }

        public Builder start(Optional<StartSpec> s) {
            start = s;
            return this;
        }

        public Builder start(String spec) {
            return start(Optional.of(StartSpec.parse(spec)));
        }

        public Builder deleteOld(boolean d) {
            deleteOld = d;
            return this;
        }

        public Builder deleteOld() {
            return deleteOld(true);
        }

        public Builder downloadConcurrency(int n) {
            downloadConcurrency = n;
            return this;
        }

        public Builder recentCutoff(Duration d) {
            recentCutoff = d;
            return this;
        }

        public Builder maxSegmentBytes(long n) {
            maxSegmentBytes = n;
            return this;
        }

        /** How copied segments are written: {@link WriteMode#DIRECT} unless {@code --write-mode buffered}. */
        public Builder writeMode(WriteMode mode) {
            writeMode = mode;
            return this;
        }

        public Builder timing(Timing t) {
            timing = t;
            return this;
        }

        public BackfillerConfig build() {
            return new BackfillerConfig(
                    baseDir,
                    channels,
                    qualities,
                    extras,
                    staticNodes,
                    nodeFile,
                    nodeDatabase,
                    localhost == null ? LocalHostName.get() : localhost,
                    start,
                    deleteOld,
                    downloadConcurrency,
                    recentCutoff,
                    maxSegmentBytes,
                    writeMode,
                    timing);
        }
    }

    /**
     * The loop periods and timeouts. Defaults are those of docs/backfill.md; tests shrink them.
     *
     * @param nodeRefresh how often peers are re-read (docs/backfill.md: 30 s, jittered)
     * @param passInterval wait between a worker's passes (docs/backfill.md: 120 s, jittered)
     * @param backoffBase failure backoff base (docs/conventions.md §3.5: 5 s → 10, 20, 40, 80 s)
     * @param requestTimeout listings: whole request; segments: until the response headers (docs/backfill.md: 5 s)
     * @param stallTimeout a body that sends no bytes for this long is abandoned
     * @param downloadTimeout a segment download not complete this long after it started is
     *     abandoned (a peer dripping a byte just inside the stall timeout); also the age beyond
     *     which a temp file of ours cannot belong to a live download
     * @param deleteOldInterval how often {@code --delete-old} runs
     * @param databaseTimeout connect/query timeout for the nodes database
     */
    public record Timing(
            Duration nodeRefresh,
            Duration passInterval,
            Duration backoffBase,
            Duration requestTimeout,
            Duration stallTimeout,
            Duration downloadTimeout,
            Duration deleteOldInterval,
            Duration databaseTimeout) {

        public Timing {
            if (downloadTimeout.isNegative() || downloadTimeout.isZero()) {
                throw new IllegalArgumentException("--download-timeout must be more than 0 seconds");
            }
            if (stallTimeout.isNegative() || stallTimeout.isZero()) {
                throw new IllegalArgumentException("--stall-timeout must be more than 0 seconds");
            }
        }

        public static final Timing DEFAULT = new Timing(
                /* nodeRefresh */ Duration.ofSeconds(30),
                /* passInterval */ Duration.ofSeconds(120),
                /* backoffBase */ Duration.ofSeconds(5),
                /* requestTimeout */ Duration.ofSeconds(5),
                /* stallTimeout */ Duration.ofSeconds(30),
                /* downloadTimeout */ Duration.ofMinutes(5),
                /* deleteOldInterval */ Duration.ofMinutes(10),
                /* databaseTimeout */ Duration.ofSeconds(5));

        public Timing withNodeRefresh(Duration d) {
            return new Timing(
                    d,
                    passInterval,
                    backoffBase,
                    requestTimeout,
                    stallTimeout,
                    downloadTimeout,
                    deleteOldInterval,
                    databaseTimeout);
        }

        public Timing withPassInterval(Duration d) {
            return new Timing(
                    nodeRefresh,
                    d,
                    backoffBase,
                    requestTimeout,
                    stallTimeout,
                    downloadTimeout,
                    deleteOldInterval,
                    databaseTimeout);
        }

        public Timing withBackoffBase(Duration d) {
            return new Timing(
                    nodeRefresh,
                    passInterval,
                    d,
                    requestTimeout,
                    stallTimeout,
                    downloadTimeout,
                    deleteOldInterval,
                    databaseTimeout);
        }

        public Timing withRequestTimeout(Duration d) {
            return new Timing(
                    nodeRefresh,
                    passInterval,
                    backoffBase,
                    d,
                    stallTimeout,
                    downloadTimeout,
                    deleteOldInterval,
                    databaseTimeout);
        }

        public Timing withStallTimeout(Duration d) {
            return new Timing(
                    nodeRefresh,
                    passInterval,
                    backoffBase,
                    requestTimeout,
                    d,
                    downloadTimeout,
                    deleteOldInterval,
                    databaseTimeout);
        }

        public Timing withDownloadTimeout(Duration d) {
            return new Timing(
                    nodeRefresh,
                    passInterval,
                    backoffBase,
                    requestTimeout,
                    stallTimeout,
                    d,
                    deleteOldInterval,
                    databaseTimeout);
        }

        public Timing withDeleteOldInterval(Duration d) {
            return new Timing(
                    nodeRefresh,
                    passInterval,
                    backoffBase,
                    requestTimeout,
                    stallTimeout,
                    downloadTimeout,
                    d,
                    databaseTimeout);
        }

        public Timing withDatabaseTimeout(Duration d) {
            return new Timing(
                    nodeRefresh,
                    passInterval,
                    backoffBase,
                    requestTimeout,
                    stallTimeout,
                    downloadTimeout,
                    deleteOldInterval,
                    d);
        }
    }
}
