package org.wubloader.backfiller.peers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wubloader.backfiller.BackfillMetrics;

/**
 * The one "get nodes" step (docs/backfill.md §5.1): asks every source, merges, drops ourselves. A source
 * that fails is logged, counted in {@code node_list_errors} and reset (its connections thrown
 * away), and its last good answer stands in for it — so a database outage never takes peers
 * away from running workers.
 */
public final class PeerDirectory implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PeerDirectory.class);

    private final List<PeerSource> sources;
    private final String localhost;
    private final BackfillMetrics metrics;
    private final Map<PeerSource, List<Peer>> lastGood = new HashMap<>();
    private volatile Map<String, Peer> current = Map.of();
    private volatile String lastError = "";

    /** What one round found. */
    public record Round(Map<String, Peer> peers, int failedSources) {
        public boolean ok() {
            return failedSources == 0;
        }
    }

    public PeerDirectory(List<PeerSource> sources, String localhost, BackfillMetrics metrics) {
        this.sources = List.copyOf(sources);
        this.localhost = localhost;
        this.metrics = metrics;
    }

    /** Asks every source once; never throws for a source's failure. Blocking: not on an event loop. */
    public synchronized Round refresh() {
        List<List<Peer>> answers = new ArrayList<>(sources.size());
        int failed = 0;
        for (PeerSource source : sources) {
            try {
                List<Peer> peers = source.fetch();
                lastGood.put(source, peers);
                answers.add(peers);
            } catch (Exception e) {
                failed++;
                metrics.nodeListError();
                lastError = java.time.Instant.now() + " " + source.describe() + ": " + e;
                log.warn(
                        "Could not read peers from {} (keeping the {} known from it): {}",
                        source.describe(),
                        lastGood.getOrDefault(source, List.of()).size(),
                        e.toString());
                try {
                    source.reset();
                } catch (RuntimeException resetError) {
                    log.debug("resetting {}", source.describe(), resetError);
                }
                answers.add(lastGood.getOrDefault(source, List.of()));
            }
        }
        Map<String, Peer> merged = PeerMerge.merge(answers, localhost);
        if (!merged.equals(current)) {
            log.info("Peers: {}", merged.values());
        }
        current = merged;
        return new Round(merged, failed);
    }

    public Map<String, Peer> current() {
        return current;
    }

    public String describe() {
        StringBuilder out =
                new StringBuilder("peers (localhost ").append(localhost).append("): ");
        out.append(current.values()).append('\n');
        if (!lastError.isEmpty()) {
            out.append("last node list error: ").append(lastError).append('\n');
        }
        return out.toString();
    }

    @Override
    public void close() {
        for (PeerSource source : sources) {
            source.reset();
        }
    }
}
