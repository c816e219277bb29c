package org.wubloader.backfiller;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.wubloader.backfiller.peers.Peer;

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
        Timing timing) {

    /** Default {@code --max-segment-bytes}: far above any segment of a stream we record (a few MiB). */
    public static final long DEFAULT_MAX_SEGMENT_BYTES = 256L * 1024 * 1024;

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

    /**
     * The loop periods and timeouts. Defaults are the SPEC's; tests shrink them.
     *
     * @param nodeRefresh how often peers are re-read (SPEC: 30 s, jittered)
     * @param passInterval wait between a worker's passes (SPEC: 120 s, jittered)
     * @param backoffBase failure backoff base (SPEC §3.5: 5 s → 10, 20, 40, 80 s)
     * @param requestTimeout listings: whole request; segments: until the response headers (SPEC: 5 s)
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
                Duration.ofSeconds(30),
                Duration.ofSeconds(120),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Duration.ofMinutes(5),
                Duration.ofMinutes(10),
                Duration.ofSeconds(5));

        public Timing withPassInterval(Duration d) {
            return new Timing(nodeRefresh, d, backoffBase, requestTimeout, stallTimeout, downloadTimeout, deleteOldInterval,
                    databaseTimeout);
        }

        public Timing withStallTimeout(Duration d) {
            return new Timing(nodeRefresh, passInterval, backoffBase, requestTimeout, d, downloadTimeout, deleteOldInterval,
                    databaseTimeout);
        }

        public Timing withDownloadTimeout(Duration d) {
            return new Timing(nodeRefresh, passInterval, backoffBase, requestTimeout, stallTimeout, d, deleteOldInterval,
                    databaseTimeout);
        }

        public Timing withNodeRefresh(Duration d) {
            return new Timing(d, passInterval, backoffBase, requestTimeout, stallTimeout, downloadTimeout, deleteOldInterval,
                    databaseTimeout);
        }
    }
}
